import { MAX_SCALE } from "../constants/scale.ts";
import { ProofmintError } from "./ProofmintError.ts";

export type InvalidScaleErrorParameters = {
  /** Parameter name, e.g. "inputScale". */
  name: string;
  value: number;
};

/** A fixed-point scale (ezkl's input or output scale) is not an integer from 0 to 64. */
export class InvalidScaleError extends ProofmintError {
  override name = "InvalidScaleError";
  readonly value: number;

  constructor({ name, value }: InvalidScaleErrorParameters) {
    super(`${name} must be an integer from 0 to ${MAX_SCALE}, got ${value}`, {
      code: "SCALE_INVALID",
    });
    this.value = value;
  }
}
