import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RenderDimensionError } from "../errors/render.ts";
import { renderImage } from "./renderImage.ts";
import { renderPng } from "./renderPng.ts";

// The encoder writes IHDR at byte 8 and one IDAT right after it (see encodePng.test.ts).
function decode(png: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const buffer = Buffer.from(png);
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const idatLength = buffer.readUInt32BE(33);
  const raw = inflateSync(buffer.subarray(41, 41 + idatLength));
  const stride = width * 3;
  const rgb = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    rgb.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, rgb };
}

describe("renderPng", () => {
  const image = {
    output: Array.from({ length: 16 * 16 * 3 }, (_, index) => (index * 37) % 160),
    height: 16,
    width: 16,
    outputScale: 7,
  };

  it("upscales 16 x 16 to 512 x 512 by default", () => {
    const { width, height } = decode(renderPng(image));
    expect({ width, height }).toEqual({ width: 512, height: 512 });
  });

  it("makes each pixel a factor x factor block of the rendered colour", () => {
    const pixels = renderImage(image);
    const { rgb } = decode(renderPng(image));
    for (const [y, x] of [
      [0, 0],
      [31, 31],
      [32, 0],
      [511, 511],
      [200, 300],
    ] as const) {
      const source = (Math.floor(y / 32) * 16 + Math.floor(x / 32)) * 3;
      const target = (y * 512 + x) * 3;
      expect(Array.from(rgb.subarray(target, target + 3))).toEqual(
        Array.from(pixels.subarray(source, source + 3)),
      );
    }
  });

  it("uses the integer factor floor(displaySize / max(height, width))", () => {
    const output = Array<number>(5 * 7 * 3).fill(64);
    const png = renderPng({ output, height: 5, width: 7, outputScale: 7, displaySize: 512 });
    expect({ width: decode(png).width, height: decode(png).height }).toEqual({
      width: 511,
      height: 365,
    });
  });

  it("does not upscale when the display size is the image size", () => {
    const { rgb } = decode(renderPng({ ...image, displaySize: 16 }));
    expect(rgb).toEqual(renderImage(image));
  });

  it("is deterministic", () => {
    expect(renderPng(image)).toEqual(renderPng(image));
  });

  it("rejects a display size smaller than the image", () => {
    expect(() => renderPng({ ...image, displaySize: 15 })).toThrow(RenderDimensionError);
    expect(() => renderPng({ ...image, displaySize: 15 })).toThrow(
      "displaySize must be an integer of at least 16, got 15",
    );
  });
});
