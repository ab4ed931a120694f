import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { ProofmintError } from "./ProofmintError.ts";

export type FieldElementRangeErrorParameters = {
  /** What the value is, for the message, e.g. "aigcData". */
  name: string;
  value: bigint;
};

/** A value meant to be a BN254 scalar field element is negative or not below the modulus. */
export class FieldElementRangeError extends ProofmintError {
  override name = "FieldElementRangeError";
  readonly value: bigint;

  constructor({ name, value }: FieldElementRangeErrorParameters) {
    super(`${name} is not a BN254 scalar field element (0 <= x < r)`, {
      code: "FIELD_ELEMENT_OUT_OF_RANGE",
      details: `value: ${value}, r: ${BN254_SCALAR_FIELD_MODULUS}`,
    });
    this.value = value;
  }
}
