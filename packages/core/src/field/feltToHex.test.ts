import { describe, expect, it } from "vitest";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { FieldElementRangeError } from "../errors/field.ts";
import { feltFromHex } from "./feltFromHex.ts";
import { feltToHex } from "./feltToHex.ts";
import { feltToInteger } from "./feltToInteger.ts";

describe("feltToHex", () => {
  it("writes little-endian hex without 0x", () => {
    expect(feltToHex({ value: 0x0102n })).toBe(`0201${"0".repeat(60)}`);
  });

  it("round-trips with feltFromHex and feltToInteger, negatives included", () => {
    for (const value of [0n, 1n, -1n, -384n, 25600n, BN254_SCALAR_FIELD_MODULUS / 2n]) {
      expect(feltToInteger({ felt: feltFromHex({ hex: feltToHex({ value }) }) })).toBe(value);
    }
  });

  it("rejects values outside the field", () => {
    expect(() => feltToHex({ value: BN254_SCALAR_FIELD_MODULUS })).toThrow(FieldElementRangeError);
    expect(() => feltToHex({ value: -BN254_SCALAR_FIELD_MODULUS })).toThrow(FieldElementRangeError);
  });
});
