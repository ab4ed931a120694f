import { describe, expect, it } from "vitest";
import { BN254_SCALAR_FIELD_MODULUS as r } from "../constants/field.ts";
import { FieldElementRangeError } from "../errors/field.ts";
import { feltToInteger } from "./feltToInteger.ts";

describe("feltToInteger", () => {
  it("keeps the lower half of the field positive", () => {
    expect(feltToInteger({ felt: 0n })).toBe(0n);
    expect(feltToInteger({ felt: 255n })).toBe(255n);
    expect(feltToInteger({ felt: (r - 1n) / 2n })).toBe((r - 1n) / 2n);
  });

  it("maps the upper half to negatives", () => {
    expect(feltToInteger({ felt: r - 1n })).toBe(-1n);
    expect(feltToInteger({ felt: r - 384n })).toBe(-384n);
    expect(feltToInteger({ felt: (r + 1n) / 2n })).toBe(-(r - 1n) / 2n);
  });

  it("rejects values outside the field", () => {
    expect(() => feltToInteger({ felt: r })).toThrow(FieldElementRangeError);
    expect(() => feltToInteger({ felt: -1n })).toThrow(FieldElementRangeError);
  });
});
