import type { Hex } from "viem";
import { aigcDataToField } from "../field/aigcDataToField.ts";
import { promptInstances } from "./promptInstances.ts";

export type PublicInstancesParameters = {
  /** A canonical prompt. */
  prompt: string;
  /** The circuit's input scale (0 for glyph). */
  inputScale: number;
  /** The output commitment, 32 bytes big-endian. */
  aigcData: Hex;
};

/**
 * All 65 public instances of a glyph proof, in ezkl's order: the 64 prompt instances, then the
 * output commitment (`aigcData` as a field element). A proof is about this prompt and this output
 * exactly when its instances equal these.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 * @throws {InvalidScaleError} when `inputScale` is not an integer from 0 to 64.
 * @throws {InvalidHexError | FieldElementRangeError} when `aigcData` is not a 32-byte field element.
 */
export function publicInstances({
  prompt,
  inputScale,
  aigcData,
}: PublicInstancesParameters): bigint[] {
  return [...promptInstances({ prompt, inputScale }), aigcDataToField({ aigcData })];
}
