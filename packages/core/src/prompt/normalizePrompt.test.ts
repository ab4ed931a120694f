import { describe, expect, it } from "vitest";
import {
  PromptEmptyError,
  PromptError,
  PromptInvalidCharacterError,
  PromptTooLongError,
} from "../errors/prompt.ts";
import { normalizePrompt } from "./normalizePrompt.ts";

function thrown(input: string): PromptError {
  try {
    normalizePrompt({ input });
  } catch (error) {
    if (error instanceof PromptError) return error;
    throw error;
  }
  throw new Error(`normalizePrompt accepted ${JSON.stringify(input)}`);
}

const HINT = "use a-z, 0-9, space and - ' , . ! ?";

describe("normalizePrompt", () => {
  it("lowers, collapses whitespace and trims", () => {
    expect(normalizePrompt({ input: "  A Red\tFox\r\n at  DAWN! " })).toBe("a red fox at dawn!");
  });

  it("treats Unicode White_Space as whitespace, including U+0085 and U+3000", () => {
    expect(normalizePrompt({ input: "a\u0085b\u3000c\u00a0d\u2029e" })).toBe("a b c d e");
  });

  it("rejects characters that are not White_Space although one engine or another calls them so", () => {
    expect(thrown("a\ufeffb").codePoint).toBe("U+FEFF"); // JavaScript's \s matches it
    expect(thrown("a\u001cb").codePoint).toBe("U+001C"); // Python's str.isspace() accepts it
    expect(thrown("a\u200bb").codePoint).toBe("U+200B"); // zero-width space
  });

  it("applies NFC before lower-casing: the Kelvin sign becomes k", () => {
    expect(normalizePrompt({ input: "\u212aEY" })).toBe("key");
  });

  it("names the offending character, its code point and its position", () => {
    const error = thrown("Café au lait");
    expect(error).toBeInstanceOf(PromptInvalidCharacterError);
    expect(error.code).toBe("PROMPT_INVALID_CHARACTER");
    expect(error.shortMessage).toBe(`character 'é' (U+00E9) at position 3 is not allowed; ${HINT}`);
    expect({ position: error.position, char: error.char, codePoint: error.codePoint }).toEqual({
      position: 3,
      char: "é",
      codePoint: "U+00E9",
    });
  });

  it("composes NFD input before reporting", () => {
    expect(thrown("Cafe\u0301").char).toBe("é");
  });

  it("counts positions in the normalised string, which the error carries", () => {
    const error = thrown("  HELLO \t\t world   ö");
    expect(error.position).toBe(12);
    expect(error.prompt).toBe("hello world ö");
    expect(error.details).toBe('prompt: "hello world \\u00f6"');
  });

  it("counts an astral character (a surrogate pair) as one position", () => {
    const error = thrown("hi 👋");
    expect(error.position).toBe(3);
    expect(error.char).toBe("👋");
    expect(error.shortMessage).toBe(
      `character '👋' (U+1F44B) at position 3 is not allowed; ${HINT}`,
    );
  });

  it("reports İ by the combining dot that lower-casing leaves after the i", () => {
    const error = thrown("İstanbul");
    expect(error.prompt).toBe("i\u0307stanbul");
    expect(error.position).toBe(1);
    expect(error.shortMessage).toBe(`character U+0307 at position 1 is not allowed; ${HINT}`);
  });

  it("rejects ß rather than expanding it", () => {
    expect(thrown("STRAẞE").char).toBe("ß");
  });

  it("names invisible characters by code point only", () => {
    expect(thrown("a\u00a0\u200b").shortMessage).toBe(
      `character U+200B at position 2 is not allowed; ${HINT}`,
    );
  });

  it("rejects empty and whitespace-only input", () => {
    for (const input of ["", " \t\n", "\u3000"]) {
      const error = thrown(input);
      expect(error).toBeInstanceOf(PromptEmptyError);
      expect(error.position).toBe(0);
      expect(error.char).toBeUndefined();
      expect(error.shortMessage).toBe("prompt is empty; write 1 to 64 characters");
    }
  });

  it("accepts 64 characters and rejects 65, at position 64", () => {
    expect(normalizePrompt({ input: "a".repeat(64) })).toBe("a".repeat(64));
    const error = thrown("A".repeat(65));
    expect(error).toBeInstanceOf(PromptTooLongError);
    expect(error.position).toBe(64);
    expect((error as PromptTooLongError).length).toBe(65);
    expect(error.shortMessage).toBe("prompt is 65 characters long; at most 64 are allowed");
  });

  it("measures length after collapsing whitespace", () => {
    expect(normalizePrompt({ input: "a\t\t\t".repeat(32) })).toBe("a ".repeat(31) + "a");
  });

  it("reports the first violation in reading order", () => {
    expect(thrown(`${"a".repeat(10)}é${"a".repeat(100)}`).code).toBe("PROMPT_INVALID_CHARACTER");
    expect(thrown(`${"a".repeat(64)}é`).code).toBe("PROMPT_TOO_LONG");
  });
});
