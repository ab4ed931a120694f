import { InvalidScaleError } from "../errors/scale.ts";
import { RenderDimensionError, RenderLengthError, RenderValueError } from "../errors/render.ts";
import { quantizedShapeProblem } from "./quantizedShapeProblem.ts";

export type RenderImageParameters = {
  /**
   * The model's quantized output: integers q at `outputScale`, HWC row-major (index
   * `(y * width + x) * 3 + c`), as decoded from the witness (`feltToInteger`).
   */
  output: readonly (bigint | number)[];
  height: number;
  width: number;
  /** ezkl's output scale (`model_output_scales[0]` in settings.json): q = round(x * 2^scale). */
  outputScale: number;
};

/**
 * The render rule: each quantized value q becomes the 8-bit channel
 * `clamp(round_half_up(q * 255 / 2^outputScale), 0, 255)`, computed exactly in integers so every
 * implementation (this, `models/render.py`) gives the same bytes.
 *
 * @returns RGB8 pixels, HWC row-major, `height * width * 3` bytes.
 * @throws {RenderDimensionError | RenderLengthError | RenderValueError | InvalidScaleError} on
 * malformed input.
 * @example
 * renderImage({ output: [0, 64, 128], height: 1, width: 1, outputScale: 7 }) // Uint8Array [0, 128, 255]
 */
export function renderImage({
  output,
  height,
  width,
  outputScale,
}: RenderImageParameters): Uint8Array {
  const problem = quantizedShapeProblem({ height, width, outputScale, length: output.length });
  if (problem?.field === "height" || problem?.field === "width") {
    throw new RenderDimensionError({ name: problem.field, value: problem.value, minimum: 1 });
  }
  if (problem?.field === "outputScale") {
    throw new InvalidScaleError({ name: "outputScale", value: outputScale });
  }
  if (problem?.field === "length") {
    throw new RenderLengthError({ name: "output", actual: output.length, height, width });
  }
  // round_half_up(q * 255 / 2^s) = floor((2 * 255 * q + 2^s) / 2^(s + 1)).
  const half = 1n << BigInt(outputScale);
  const denominator = half << 1n;
  const pixels = new Uint8Array(output.length);
  for (let index = 0; index < output.length; index++) {
    const value = output[index];
    let q: bigint;
    if (typeof value === "bigint") q = value;
    else if (Number.isSafeInteger(value)) q = BigInt(value!);
    else throw new RenderValueError({ index, value });
    const numerator = 510n * q + half;
    // A non-positive numerator floors to a non-positive pixel, clamped to 0; bigint division
    // truncates, which is the floor for the positive rest.
    if (numerator <= 0n) continue;
    const pixel = numerator / denominator;
    pixels[index] = pixel > 255n ? 255 : Number(pixel);
  }
  return pixels;
}
