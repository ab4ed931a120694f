import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { InvalidHexError } from "../errors/encoding.ts";
import { FieldElementRangeError } from "../errors/field.ts";

const FELT_HEX = /^[0-9a-fA-F]{64}$/;

export type FeltFromHexParameters = {
  /** A felt as ezkl writes it in witness and proof JSON: 64 hex digits, little-endian, no 0x. */
  hex: string;
};

/**
 * Decodes one of ezkl's JSON felts (e.g. an entry of `proof.json` `instances[0]` or of a witness
 * output) into the field element it encodes.
 *
 * @throws {InvalidHexError} when `hex` is not 64 hex digits.
 * @throws {FieldElementRangeError} when the value is not below the field modulus.
 * @example
 * feltFromHex({ hex: "0100000000000000000000000000000000000000000000000000000000000000" }) // 1n
 */
export function feltFromHex({ hex }: FeltFromHexParameters): bigint {
  if (!FELT_HEX.test(hex)) {
    throw new InvalidHexError({
      name: "felt",
      expected: "64 hex digits (32 bytes little-endian, no 0x)",
      value: hex,
    });
  }
  const bigEndian = hex.match(/../g)!.reverse().join("");
  const value = BigInt(`0x${bigEndian}`);
  if (value >= BN254_SCALAR_FIELD_MODULUS)
    throw new FieldElementRangeError({ name: "felt", value });
  return value;
}
