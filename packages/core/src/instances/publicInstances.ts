import type { Hex } from "viem";
import { aigcDataToField } from "../field/aigcDataToField.ts";
import type { ModelIdVersion } from "../model/parseModelId.ts";
import { promptInstances } from "./promptInstances.ts";

export type PublicInstancesParameters = {
  /** A canonical prompt. */
  prompt: string;
  /** The circuit's input scale (0 for an int64 input). */
  inputScale: number;
  /** The model id's version (`parseModelId`): v3 and later commit the output outside them. */
  version: ModelIdVersion;
  /** aigcData: for v2 models the output hash, instance 64; not an instance from v3 on. */
  aigcData: Hex;
};

/**
 * All public instances of a proof, in ezkl's order: the 64 prompt instances, then for a v2
 * (hashed-output) model its output hash. A proof is about this prompt exactly when its instances
 * equal these; from v3 on the output is bound by the proof's first point (`proofCommitment`).
 *
 * @throws {PromptError} when `prompt` is not canonical.
 * @throws {InvalidScaleError} when `inputScale` is not an integer from 0 to 64.
 * @throws {InvalidHexError | FieldElementRangeError} when a v2 `aigcData` is not a field element.
 */
export function publicInstances({
  prompt,
  inputScale,
  version,
  aigcData,
}: PublicInstancesParameters): bigint[] {
  const instances = promptInstances({ prompt, inputScale });
  return version === 2 ? [...instances, aigcDataToField({ aigcData })] : instances;
}
