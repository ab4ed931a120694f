import { describe, expect, it } from "vitest";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { FieldElementRangeError } from "../errors/field.ts";
import { aigcDataFromField } from "./aigcDataFromField.ts";

describe("aigcDataFromField", () => {
  it("is 32 bytes big-endian", () => {
    expect(aigcDataFromField({ value: 0x0102n })).toBe(`0x${"0".repeat(60)}0102`);
    expect(aigcDataFromField({ value: BN254_SCALAR_FIELD_MODULUS - 1n })).toBe(
      "0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000",
    );
  });

  it("rejects values outside the field", () => {
    for (const value of [-1n, BN254_SCALAR_FIELD_MODULUS, 1n << 256n]) {
      expect(() => aigcDataFromField({ value })).toThrow(FieldElementRangeError);
    }
  });
});
