import { describe, expect, it } from "vitest";
import { RenderDimensionError, RenderLengthError, RenderValueError } from "../errors/render.ts";
import { InvalidScaleError } from "../errors/scale.ts";
import { renderImage } from "./renderImage.ts";

const one = (output: (bigint | number)[], outputScale: number) =>
  Array.from(renderImage({ output, height: 1, width: 1, outputScale }));

describe("renderImage", () => {
  it("maps 0 to 0 and 2^scale to 255", () => {
    expect(one([0, 128, 256], 8)).toEqual([0, 128, 255]);
  });

  it("rounds exactly half up (127.5 -> 128)", () => {
    expect(one([1, 128, 512], 1)).toEqual([128, 255, 255]);
    expect(one([128, 64, 512], 8)).toEqual([128, 64, 255]);
  });

  it("rounds to nearest otherwise", () => {
    // 126 * 255 / 128 = 251.02, 63 * 255 / 128 = 125.51, 1 * 255 / 128 = 1.99
    expect(one([126, 63, 1], 7)).toEqual([251, 126, 2]);
  });

  it("clamps negatives to 0 and values above 2^scale to 255, bigints included", () => {
    expect(one([-1, -(2n ** 200n), 2n ** 200n], 7)).toEqual([0, 0, 255]);
  });

  it("is exact where floating point is not", () => {
    // (2^59 - 1) * 255 / 2^60 is just below 127.5; as a double, 2^59 - 1 rounds to 2^59 (127.5).
    expect(one([2n ** 59n - 1n, 2n ** 59n, 0], 60)).toEqual([127, 128, 0]);
  });

  it("writes HWC row-major", () => {
    const output = [0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1];
    expect(Array.from(renderImage({ output, height: 2, width: 2, outputScale: 0 }))).toEqual(
      output.map((q) => q * 255),
    );
  });

  it("rejects bad sizes, lengths, values and scales", () => {
    const output = [0, 0, 0];
    expect(() => renderImage({ output, height: 0, width: 1, outputScale: 0 })).toThrow(
      RenderDimensionError,
    );
    expect(() => renderImage({ output, height: 1, width: 1.5, outputScale: 0 })).toThrow(
      "width must be an integer of at least 1, got 1.5",
    );
    expect(() => renderImage({ output, height: 2, width: 1, outputScale: 0 })).toThrow(
      RenderLengthError,
    );
    expect(() => renderImage({ output, height: 2, width: 1, outputScale: 0 })).toThrow(
      "output has 3 values; a 2x1 RGB image needs 6",
    );
    expect(() => renderImage({ output: [0, 0.5, 0], height: 1, width: 1, outputScale: 0 })).toThrow(
      RenderValueError,
    );
    expect(() => renderImage({ output, height: 1, width: 1, outputScale: -1 })).toThrow(
      InvalidScaleError,
    );
  });
});
