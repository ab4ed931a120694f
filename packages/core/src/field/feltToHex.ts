import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { FieldElementRangeError } from "../errors/field.ts";

export type FeltToHexParameters = {
  /** A field element, or a signed integer in ezkl's fixed point (negatives map to r - |x|). */
  value: bigint;
};

/**
 * Encodes a value as one of ezkl's JSON felts: 64 hex digits, little-endian, no 0x. The inverse of
 * `feltFromHex` (after `feltToInteger` for negatives), used to build engine inputs such as the
 * message of `poseidonHash` or a proof's instances.
 *
 * @throws {FieldElementRangeError} when |value| is not below the field modulus.
 * @example
 * feltToHex({ value: 1n }) // "0100000000000000000000000000000000000000000000000000000000000000"
 */
export function feltToHex({ value }: FeltToHexParameters): string {
  if (value <= -BN254_SCALAR_FIELD_MODULUS || value >= BN254_SCALAR_FIELD_MODULUS) {
    throw new FieldElementRangeError({ name: "felt", value });
  }
  const felt = value < 0n ? BN254_SCALAR_FIELD_MODULUS + value : value;
  return felt.toString(16).padStart(64, "0").match(/../g)!.reverse().join("");
}
