import { readFileSync } from "node:fs";
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidHexError } from "../errors/encoding.ts";
import { modelIdDigest, type ModelIdDigestParameters } from "./modelIdDigest.ts";

// The committed glyph circuit: circuits/build.py computes its model id in Python.
const read = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../circuits/glyph/${name}`, import.meta.url)));
const manifest = JSON.parse(new TextDecoder().decode(read("manifest.json"))) as {
  model: string;
  model_id: string;
  srs: { insecure: boolean };
  artifacts: { onnx: { sha256: string } };
};
const glyph: ModelIdDigestParameters = {
  onnxSha256: `0x${manifest.artifacts.onnx.sha256}`,
  settings: read("settings.json"),
  vk: read("vk.key"),
  verifySrs: read("kzg1.srs"),
};

const flipped = (bytes: Uint8Array, index: number) => {
  const copy = bytes.slice();
  copy[index]! ^= 1;
  return copy;
};

describe("modelIdDigest", () => {
  it("reproduces the committed manifest's model id", () => {
    const dev = manifest.srs.insecure ? "dev-" : "";
    expect(`${manifest.model}-v2-${dev}${modelIdDigest(glyph)}`).toBe(manifest.model_id);
  });

  it("changes when any byte of any input changes", () => {
    const digest = modelIdDigest(glyph);
    const onnx = glyph.onnxSha256;
    const otherOnnx: Hex = `0x${onnx.slice(2, -1)}${onnx.endsWith("0") ? "1" : "0"}`;
    expect(modelIdDigest({ ...glyph, onnxSha256: otherOnnx })).not.toBe(digest);
    // The last bytes of kzg1.srs are s_g2, the point a forger would swap.
    for (const name of ["settings", "vk", "verifySrs"] as const) {
      for (const index of [0, glyph[name].length - 1]) {
        expect(modelIdDigest({ ...glyph, [name]: flipped(glyph[name], index) }), name).not.toBe(
          digest,
        );
      }
    }
  });

  it("refuses an ONNX digest that is not 32 bytes of hex", () => {
    expect(() => modelIdDigest({ ...glyph, onnxSha256: "0x1234" as Hex })).toThrow(InvalidHexError);
  });
});
