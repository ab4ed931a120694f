import { describe, expect, it } from "vitest";
import { InvalidHexError } from "../errors/encoding.ts";
import { PromptError, PromptInvalidCharacterError } from "../errors/prompt.ts";
import { promptFromBytes } from "./promptFromBytes.ts";

function thrown(bytes: Uint8Array | `0x${string}`): PromptError {
  try {
    promptFromBytes({ bytes });
  } catch (error) {
    if (error instanceof PromptError) return error;
    throw error;
  }
  throw new Error("promptFromBytes accepted the bytes");
}

describe("promptFromBytes", () => {
  it("decodes canonical bytes given as hex or as an array", () => {
    expect(promptFromBytes({ bytes: "0x6120666f78" })).toBe("a fox");
    expect(promptFromBytes({ bytes: "0x6120666F78" })).toBe("a fox");
    expect(promptFromBytes({ bytes: Uint8Array.of(0x3f) })).toBe("?");
  });

  it("names a byte that is not a character on its own by value", () => {
    const error = thrown("0x636166c3a9");
    expect(error).toBeInstanceOf(PromptInvalidCharacterError);
    expect(error.position).toBe(3);
    expect(error.char).toBeUndefined();
    expect((error as PromptInvalidCharacterError).byte).toBe(0xc3);
    expect(error.prompt).toBeUndefined();
    expect(error.shortMessage).toBe(
      "byte 0xc3 at position 3 is not allowed; use a-z, 0-9, space and - ' , . ! ?",
    );
    expect(error.details).toBe("bytes: 0x636166c3a9");
  });

  it("names an ASCII byte as a character", () => {
    const error = thrown(Uint8Array.of(0x61, 0x41));
    expect({ char: error.char, codePoint: error.codePoint }).toEqual({
      char: "A",
      codePoint: "U+0041",
    });
    expect((error as PromptInvalidCharacterError).byte).toBe(0x41);
  });

  it("measures length in bytes", () => {
    const error = thrown(new Uint8Array(65).fill(0x61));
    expect(error.code).toBe("PROMPT_TOO_LONG");
    expect(error.shortMessage).toBe("prompt is 65 bytes long; at most 64 are allowed");
  });

  it("rejects empty bytes", () => {
    expect(thrown("0x").code).toBe("PROMPT_EMPTY");
  });

  it("rejects malformed hex", () => {
    for (const bytes of ["0x616", "6161", "0x61zz", "0X61"] as `0x${string}`[]) {
      expect(() => promptFromBytes({ bytes })).toThrow(InvalidHexError);
    }
  });
});
