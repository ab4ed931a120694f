/**
 * Golden vectors for the render rule, written to `render.json` by `generate.mjs` and read by vitest
 * and pytest. Each case states a quantized output and the channel values the rule demands
 * (`expect`, hand-computed from clamp(round_half_up(q * 255 / 2^s), 0, 255)); the generator fails
 * unless packages/core agrees, then derives the PNG from core.
 *
 * Schema of render.json (also in README.md):
 *
 * - `_generated`: says the file is generated and by what.
 * - `cases[]`: `name`, `height`, `width`, `outputScale`, `displaySize`, `output` (height * width * 3
 *   integers, HWC row-major), `outputFelts` (the same values as ezkl writes them in a witness: 64
 *   hex digits, little-endian, negatives as r - |q|), `pixels` (0x hex of the RGB8 bytes from
 *   renderImage), `png` { `width`, `height`, `length` (bytes), `sha256` (0x hex) } of renderPng.
 */
import { feltToHex, renderImage, renderPng } from "@proofmint/core";
import { bytesToHex, sha256, type Hex } from "viem";

export type RenderVector = {
  name: string;
  height: number;
  width: number;
  outputScale: number;
  displaySize: number;
  output: number[];
  outputFelts: string[];
  pixels: Hex;
  png: { width: number; height: number; length: number; sha256: Hex };
};

export type RenderVectors = {
  _generated: string;
  cases: RenderVector[];
};

type RenderSpec = {
  name: string;
  height: number;
  width: number;
  outputScale: number;
  displaySize: number;
  output: number[];
  /** Expected channel values, when the case exists to pin them; larger cases rely on core. */
  expect?: number[];
};

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A deterministic gradient: channel c of pixel (y, x), spread over [-2^s / 4, 5 * 2^s / 4]. */
function gradient(height: number, width: number, outputScale: number): number[] {
  const one = 2 ** outputScale;
  const cells = height * width * 3;
  return Array.from({ length: cells }, (_, index) => {
    const t = (index * 7919) % cells;
    return Math.floor(((t / (cells - 1)) * 1.5 - 0.25) * one);
  });
}

function specs(): RenderSpec[] {
  return [
    {
      name: "black, half, white",
      height: 1,
      width: 1,
      outputScale: 7,
      displaySize: 512,
      output: [0, 64, 128],
      expect: [0, 128, 255],
    },
    {
      name: "exactly half rounds up at scale 1",
      height: 1,
      width: 1,
      outputScale: 1,
      displaySize: 1,
      output: [1, -1, 0],
      expect: [128, 0, 0],
    },
    {
      name: "exactly half rounds up at scale 8",
      height: 1,
      width: 2,
      outputScale: 8,
      displaySize: 2,
      output: [128, 384, -128, 127, 129, 1],
      expect: [128, 255, 0, 127, 128, 1],
    },
    {
      name: "scale 0 saturates at 1",
      height: 1,
      width: 1,
      outputScale: 0,
      displaySize: 4,
      output: [0, 1, 2],
      expect: [0, 255, 255],
    },
    {
      name: "negative values clamp to 0",
      height: 1,
      width: 1,
      outputScale: 7,
      displaySize: 3,
      output: [-1, -1000, -MAX_SAFE],
      expect: [0, 0, 0],
    },
    {
      name: "values at and above 2^scale clamp to 255",
      height: 1,
      width: 1,
      outputScale: 7,
      displaySize: 3,
      output: [128, 129, MAX_SAFE],
      expect: [255, 255, 255],
    },
    {
      name: "rounds to nearest at scale 7",
      height: 1,
      width: 2,
      outputScale: 7,
      displaySize: 2,
      output: [1, 2, 3, 126, 127, 63],
      expect: [2, 4, 6, 251, 253, 126],
    },
    {
      name: "wide image (1 x 3)",
      height: 1,
      width: 3,
      outputScale: 6,
      displaySize: 512,
      output: [0, 0, 0, 32, 32, 32, 64, 64, 64],
      expect: [0, 0, 0, 128, 128, 128, 255, 255, 255],
    },
    {
      name: "tall image (3 x 1), factor 3",
      height: 3,
      width: 1,
      outputScale: 2,
      displaySize: 10,
      output: [4, 0, 0, 0, 4, 0, 0, 0, 4],
      expect: [255, 0, 0, 0, 255, 0, 0, 0, 255],
    },
    {
      name: "2 x 2 at display size 512",
      height: 2,
      width: 2,
      outputScale: 4,
      displaySize: 512,
      output: [0, 8, 16, 16, 8, 0, -3, 20, 5, 7, 9, 11],
      expect: [0, 128, 255, 255, 128, 0, 0, 255, 80, 112, 143, 175],
    },
    {
      name: "5 x 7, factor 73",
      height: 5,
      width: 7,
      outputScale: 7,
      displaySize: 512,
      output: gradient(5, 7, 7),
    },
    {
      name: "16 x 16 at scale 7 (glyph's size)",
      height: 16,
      width: 16,
      outputScale: 7,
      displaySize: 512,
      output: gradient(16, 16, 7),
    },
    {
      name: "16 x 16 at display size 16 (no upscaling)",
      height: 16,
      width: 16,
      outputScale: 10,
      displaySize: 16,
      output: gradient(16, 16, 10),
    },
  ];
}

/** Derives the render vectors from packages/core; throws if core disagrees with a case. */
export function renderVectors(): RenderVectors {
  const cases = specs().map(
    ({ name, height, width, outputScale, displaySize, output, expect }): RenderVector => {
      const pixels = renderImage({ output, height, width, outputScale });
      if (expect !== undefined && bytesToHex(pixels) !== bytesToHex(Uint8Array.from(expect))) {
        throw new Error(
          `case ${JSON.stringify(name)}: expected pixels ${expect.join(",")}, core says ${pixels.join(",")}`,
        );
      }
      const png = renderPng({ output, height, width, outputScale, displaySize });
      const factor = Math.floor(displaySize / Math.max(height, width));
      return {
        name,
        height,
        width,
        outputScale,
        displaySize,
        output,
        outputFelts: output.map((value) => feltToHex({ value: BigInt(value) })),
        pixels: bytesToHex(pixels),
        png: {
          width: width * factor,
          height: height * factor,
          length: png.length,
          sha256: sha256(png),
        },
      };
    },
  );
  return {
    _generated:
      "Generated by test/vectors/generate.mjs from packages/core; do not edit. Schema: test/vectors/README.md",
    cases,
  };
}
