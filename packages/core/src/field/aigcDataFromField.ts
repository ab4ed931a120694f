import { numberToHex, type Hex } from "viem";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { FieldElementRangeError } from "../errors/field.ts";

export type AigcDataFromFieldParameters = {
  /** The output commitment: public instance 64 of the proof, a BN254 field element. */
  value: bigint;
};

/**
 * Encodes the output commitment as ERC-7007 `aigcData`: 32 bytes, big-endian.
 *
 * @throws {FieldElementRangeError} when `value` is negative or not below the field modulus.
 * @example
 * aigcDataFromField({ value: 1n }) // "0x0000000000000000000000000000000000000000000000000000000000000001"
 */
export function aigcDataFromField({ value }: AigcDataFromFieldParameters): Hex {
  if (value < 0n || value >= BN254_SCALAR_FIELD_MODULUS) {
    throw new FieldElementRangeError({ name: "aigcData", value });
  }
  return numberToHex(value, { size: 32 });
}
