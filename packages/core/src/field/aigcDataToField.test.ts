import { describe, expect, it } from "vitest";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { InvalidHexError } from "../errors/encoding.ts";
import { FieldElementRangeError } from "../errors/field.ts";
import { aigcDataFromField } from "./aigcDataFromField.ts";
import { aigcDataToField } from "./aigcDataToField.ts";

describe("aigcDataToField", () => {
  it("inverts aigcDataFromField", () => {
    for (const value of [0n, 1n, 0xdeadbeefn, BN254_SCALAR_FIELD_MODULUS - 1n]) {
      expect(aigcDataToField({ aigcData: aigcDataFromField({ value }) })).toBe(value);
    }
  });

  it("rejects the modulus and above", () => {
    const modulus = `0x${BN254_SCALAR_FIELD_MODULUS.toString(16).padStart(64, "0")}` as const;
    expect(() => aigcDataToField({ aigcData: modulus })).toThrow(FieldElementRangeError);
    expect(() => aigcDataToField({ aigcData: `0x${"f".repeat(64)}` })).toThrow(
      "aigcData is not a BN254 scalar field element (0 <= x < r)",
    );
  });

  it("rejects anything but exactly 32 bytes of hex", () => {
    for (const aigcData of ["0x01", `0x${"0".repeat(66)}`, `0x${"g".repeat(64)}`] as const) {
      expect(() => aigcDataToField({ aigcData })).toThrow(InvalidHexError);
    }
  });
});
