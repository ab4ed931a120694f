import { describe, expect, it } from "vitest";
import { MAX_SCALE } from "../constants/scale.ts";
import { quantizedShapeProblem } from "./quantizedShapeProblem.ts";

describe("quantizedShapeProblem", () => {
  const sound = { height: 2, width: 3, outputScale: 7, length: 18 };

  it("accepts values that fill height x width x 3 at a scale from 0 to MAX_SCALE", () => {
    expect(quantizedShapeProblem(sound)).toBeUndefined();
    expect(quantizedShapeProblem({ ...sound, outputScale: 0 })).toBeUndefined();
    expect(quantizedShapeProblem({ ...sound, outputScale: MAX_SCALE })).toBeUndefined();
  });

  it("names the first field that is wrong, in the order height, width, scale, length", () => {
    expect(quantizedShapeProblem({ ...sound, height: 0, width: 0 })).toStrictEqual({
      field: "height",
      value: 0,
    });
    expect(quantizedShapeProblem({ ...sound, width: 1.5 })).toStrictEqual({
      field: "width",
      value: 1.5,
    });
    for (const outputScale of [-1, MAX_SCALE + 1, 2.5, "7", undefined]) {
      expect(quantizedShapeProblem({ ...sound, outputScale, length: 1 })).toStrictEqual({
        field: "outputScale",
        value: outputScale,
      });
    }
    expect(quantizedShapeProblem({ ...sound, length: 17 })).toStrictEqual({
      field: "length",
      expected: 18,
    });
  });
});
