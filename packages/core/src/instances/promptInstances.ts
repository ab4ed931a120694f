import { PROMPT_INSTANCE_COUNT } from "../constants/instances.ts";
import { MAX_SCALE } from "../constants/scale.ts";
import { InvalidScaleError } from "../errors/scale.ts";
import { promptBytes } from "../prompt/promptBytes.ts";

export type PromptInstancesParameters = {
  /** A canonical prompt. */
  prompt: string;
  /** The circuit's input scale (`model_input_scales[0]` in ezkl's settings.json; 0 for glyph). */
  inputScale: number;
};

/**
 * The 64 prompt instances of a proof: instance i is prompt byte i shifted left by the input scale,
 * and 0 past the end of the prompt. They are all of its public instances (`publicInstances`).
 *
 * ezkl quantizes an input x as round(x * 2^scale); the bytes are integers, so that is exact.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 * @throws {InvalidScaleError} when `inputScale` is not an integer from 0 to 64.
 * @example
 * promptInstances({ prompt: "hi", inputScale: 0 }) // [104n, 105n, 0n, ..., 0n] (64 values)
 */
export function promptInstances({ prompt, inputScale }: PromptInstancesParameters): bigint[] {
  if (!Number.isInteger(inputScale) || inputScale < 0 || inputScale > MAX_SCALE) {
    throw new InvalidScaleError({ name: "inputScale", value: inputScale });
  }
  const bytes = promptBytes({ prompt });
  const scale = BigInt(inputScale);
  return Array.from({ length: PROMPT_INSTANCE_COUNT }, (_, index) =>
    index < bytes.length ? BigInt(bytes[index]!) << scale : 0n,
  );
}
