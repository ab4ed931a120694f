import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { FieldElementRangeError } from "../errors/field.ts";

const HALF = BN254_SCALAR_FIELD_MODULUS / 2n;

export type FeltToIntegerParameters = {
  /** A BN254 field element. */
  felt: bigint;
};

/**
 * The signed integer a felt represents in ezkl's fixed point: field elements above r/2 are the
 * negatives `x - r` (ezkl stores -x as r - x).
 *
 * @throws {FieldElementRangeError} when `felt` is negative or not below the field modulus.
 * @example
 * feltToInteger({ felt: BN254_SCALAR_FIELD_MODULUS - 3n }) // -3n
 */
export function feltToInteger({ felt }: FeltToIntegerParameters): bigint {
  if (felt < 0n || felt >= BN254_SCALAR_FIELD_MODULUS) {
    throw new FieldElementRangeError({ name: "felt", value: felt });
  }
  return felt > HALF ? felt - BN254_SCALAR_FIELD_MODULUS : felt;
}
