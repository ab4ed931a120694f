import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { feltToHex } from "@proofmint/core";
import { loadEngine as loadBrowserEngine } from "./loadEngine.browser.ts";
import { loadEngine as loadNodeEngine } from "./loadEngine.node.ts";

const wasmPath = createRequire(import.meta.url).resolve("@ezkljs/engine/web/ezkl_bg.wasm");

describe("loadEngine", () => {
  it("gives the same Poseidon hash from the Node build and the web build", async () => {
    const felts = [0n, 1n, -3n, 1n << 40n].map((value) => feltToHex({ value }));
    const node = await loadNodeEngine();
    const web = await loadBrowserEngine({ wasm: await readFile(wasmPath) });
    const hash = node.poseidonHash({ felts });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(web.poseidonHash({ felts })).toBe(hash);
    expect(node.poseidonHash({ felts: felts.slice(1) })).not.toBe(hash);
  });

  it("answers false, not a throw, for a proof it cannot parse", async () => {
    const engine = await loadNodeEngine();
    const junk = new TextEncoder().encode("{}");
    expect(engine.verify({ proof: junk, vk: junk, settings: junk, srs: junk })).toBe(false);
  });
});
