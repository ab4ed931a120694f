import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32.ts";

describe("crc32", () => {
  it("matches the CRC-32 check value", () => {
    expect(crc32({ parts: [new TextEncoder().encode("123456789")] })).toBe(0xcbf43926);
  });

  it("runs over the concatenation of its parts", () => {
    const encoder = new TextEncoder();
    expect(crc32({ parts: [encoder.encode("1234"), encoder.encode("56789")] })).toBe(0xcbf43926);
    expect(crc32({ parts: [] })).toBe(0);
  });
});
