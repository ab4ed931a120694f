import { describe, expect, it } from "vitest";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { InvalidHexError } from "../errors/encoding.ts";
import { FieldElementRangeError } from "../errors/field.ts";
import { feltFromHex } from "./feltFromHex.ts";

const littleEndian = (value: bigint) =>
  value.toString(16).padStart(64, "0").match(/../g)!.reverse().join("");

describe("feltFromHex", () => {
  it("reads 32 bytes little-endian", () => {
    expect(feltFromHex({ hex: `01${"0".repeat(62)}` })).toBe(1n);
    expect(feltFromHex({ hex: `0001${"0".repeat(60)}` })).toBe(256n);
  });

  it("reads ezkl's encoding of -384 as r - 384", () => {
    // ezkl writes -3 at scale 7 as 0x30644e72...effffe81 big-endian (r - 384).
    const hex = "81feffef93f5e1439170b97948e833285d588181b64550b829a031e1724e6430";
    expect(feltFromHex({ hex })).toBe(BN254_SCALAR_FIELD_MODULUS - 384n);
  });

  it("rejects values not below the modulus", () => {
    expect(() => feltFromHex({ hex: littleEndian(BN254_SCALAR_FIELD_MODULUS) })).toThrow(
      FieldElementRangeError,
    );
  });

  it("rejects anything but 64 hex digits without 0x", () => {
    for (const hex of [`0x${"0".repeat(64)}`, "00", "z".repeat(64), "0".repeat(66)]) {
      expect(() => feltFromHex({ hex })).toThrow(InvalidHexError);
    }
  });
});
