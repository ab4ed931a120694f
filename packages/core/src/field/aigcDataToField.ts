import { hexToBigInt, type Hex } from "viem";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { InvalidHexError } from "../errors/encoding.ts";
import { FieldElementRangeError } from "../errors/field.ts";

const HEX_32_BYTES = /^0x[0-9a-fA-F]{64}$/;

export type AigcDataToFieldParameters = {
  /** ERC-7007 `aigcData`: the output commitment, exactly 32 bytes big-endian. */
  aigcData: Hex;
};

/**
 * Reads `aigcData` as the BN254 field element it encodes (public instance 64 of the proof).
 *
 * @throws {InvalidHexError} when `aigcData` is not 0x followed by 64 hex digits.
 * @throws {FieldElementRangeError} when the value is not below the field modulus.
 */
export function aigcDataToField({ aigcData }: AigcDataToFieldParameters): bigint {
  if (!HEX_32_BYTES.test(aigcData)) {
    throw new InvalidHexError({
      name: "aigcData",
      expected: "32 bytes: 0x followed by 64 hex digits",
      value: aigcData,
    });
  }
  const value = hexToBigInt(aigcData);
  if (value >= BN254_SCALAR_FIELD_MODULUS)
    throw new FieldElementRangeError({ name: "aigcData", value });
  return value;
}
