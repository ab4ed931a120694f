import { readFileSync } from "node:fs";
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidHexError } from "../errors/encoding.ts";
import { MetadataError } from "../metadata/MetadataError.ts";
import { modelIdDigest, type ModelIdDigestParameters } from "./modelIdDigest.ts";
import { parseModelId } from "./parseModelId.ts";

// The committed circuit: circuits/build.py computes its model id in Python.
const read = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../circuits/sprite/${name}`, import.meta.url)));
const manifest = JSON.parse(new TextDecoder().decode(read("manifest.json"))) as {
  model: string;
  model_id: string;
  srs: { insecure: boolean };
  artifacts: { onnx: { sha256: string } };
};
const committed: ModelIdDigestParameters = {
  version: 3,
  onnxSha256: `0x${manifest.artifacts.onnx.sha256}`,
  settings: read("settings.json"),
  vk: read("vk.key"),
  verifySrs: read("kzg1.srs"),
  outputBasis: read("output_basis.bin"),
};

const flipped = (bytes: Uint8Array, index: number) => {
  const copy = bytes.slice();
  copy[index]! ^= 1;
  return copy;
};

describe("modelIdDigest", () => {
  it("reproduces the committed manifest's model id", () => {
    const dev = manifest.srs.insecure ? "dev-" : "";
    expect(`${manifest.model}-v3-${dev}${modelIdDigest(committed)}`).toBe(manifest.model_id);
  });

  it("changes when any byte of any input changes", () => {
    const digest = modelIdDigest(committed);
    const onnx = committed.onnxSha256;
    const otherOnnx: Hex = `0x${onnx.slice(2, -1)}${onnx.endsWith("0") ? "1" : "0"}`;
    expect(modelIdDigest({ ...committed, onnxSha256: otherOnnx })).not.toBe(digest);
    // The last bytes of kzg1.srs are s_g2, the point a forger would swap; the basis's last point
    // is the blinding rows' sum.
    for (const name of ["settings", "vk", "verifySrs", "outputBasis"] as const) {
      const bytes = committed[name]!;
      for (const index of [0, bytes.length - 1]) {
        expect(modelIdDigest({ ...committed, [name]: flipped(bytes, index) }), name).not.toBe(
          digest,
        );
      }
    }
  });

  it("follows the v2 rule, without the basis, for earlier model ids", () => {
    const v2 = modelIdDigest({ ...committed, version: 2, outputBasis: undefined });
    expect(v2).toMatch(/^[0-9a-f]{64}$/);
    expect(v2).not.toBe(modelIdDigest(committed));
  });

  it("refuses a v3 digest without the output basis", () => {
    expect(() => modelIdDigest({ ...committed, outputBasis: undefined })).toThrow(MetadataError);
  });

  it("refuses an ONNX digest that is not 32 bytes of hex", () => {
    expect(() => modelIdDigest({ ...committed, onnxSha256: "0x1234" as Hex })).toThrow(
      InvalidHexError,
    );
  });
});

describe("parseModelId", () => {
  it("splits the committed model id", () => {
    expect(parseModelId({ modelId: manifest.model_id })).toEqual({
      model: "sprite",
      version: 3,
      development: manifest.srs.insecure,
      digest: manifest.model_id.slice(-64),
    });
  });

  it.each([
    "glyph-v1-" + "0".repeat(64),
    "glyph-v3-" + "0".repeat(63),
    "Glyph-v3-" + "0".repeat(64),
  ])("rejects %s", (modelId) => {
    expect(() => parseModelId({ modelId })).toThrow(MetadataError);
  });
});
