import { MAX_SCALE } from "../constants/scale.ts";

/** RGB: the model's output has three channels per pixel, HWC row-major. */
export const OUTPUT_CHANNELS = 3;

export type QuantizedShape = {
  height: number;
  width: number;
  /** ezkl's output scale: an integer from 0 to `MAX_SCALE`. */
  outputScale: unknown;
  /** How many quantized values there are. */
  length: number;
};

/** The first thing wrong with a quantized output's shape. */
export type QuantizedShapeProblem =
  | { field: "height" | "width"; value: number }
  | { field: "outputScale"; value: unknown }
  | { field: "length"; expected: number };

/**
 * The one rule for a quantized output's shape, which the render rule and the stored output
 * document both enforce (each with its own error): height and width are positive safe integers,
 * the scale an integer from 0 to `MAX_SCALE`, and the values fill `height * width * 3` exactly.
 * Checked in that order; undefined when the shape is sound.
 *
 * @example
 * quantizedShapeProblem({ height: 2, width: 2, outputScale: 7, length: 6 }) // { field: "length", expected: 12 }
 */
export function quantizedShapeProblem({
  height,
  width,
  outputScale,
  length,
}: QuantizedShape): QuantizedShapeProblem | undefined {
  if (!Number.isSafeInteger(height) || height < 1) return { field: "height", value: height };
  if (!Number.isSafeInteger(width) || width < 1) return { field: "width", value: width };
  if (
    typeof outputScale !== "number" ||
    !Number.isInteger(outputScale) ||
    outputScale < 0 ||
    outputScale > MAX_SCALE
  ) {
    return { field: "outputScale", value: outputScale };
  }
  const expected = height * width * OUTPUT_CHANNELS;
  return length === expected ? undefined : { field: "length", expected };
}
