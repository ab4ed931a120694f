import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readCircuitArtifacts } from "./readCircuitArtifacts.ts";
import { modelIdDigest } from "./modelIdDigest.ts";

const dir = join(resolve(import.meta.dirname, "../../../.."), "circuits/glyph");

describe("modelIdDigest", () => {
  it("recomputes the committed circuit's model id, and changes with the verifying key", async () => {
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as {
      model_id: string;
    };
    const artifacts = await readCircuitArtifacts({ dir });
    expect(`glyph-v1-dev-${modelIdDigest(artifacts)}`).toBe(manifest.model_id);
    const vk = artifacts.vk.slice();
    vk[100]! ^= 1;
    expect(modelIdDigest({ ...artifacts, vk })).not.toBe(modelIdDigest(artifacts));
  });
});
