import { describe, expect, it } from "vitest";
import {
  PromptDoubleSpaceError,
  PromptError,
  PromptLeadingSpaceError,
  PromptTrailingSpaceError,
} from "../errors/prompt.ts";
import { validatePrompt } from "./validatePrompt.ts";

function thrown(prompt: string): PromptError {
  try {
    validatePrompt({ prompt });
  } catch (error) {
    if (error instanceof PromptError) return error;
    throw error;
  }
  throw new Error(`validatePrompt accepted ${JSON.stringify(prompt)}`);
}

describe("validatePrompt", () => {
  it("accepts canonical prompts", () => {
    for (const prompt of ["a", "?", "a red fox, at dawn!", "what's 8-bit?", "z".repeat(64)]) {
      expect(() => validatePrompt({ prompt })).not.toThrow();
    }
  });

  it("does not normalise", () => {
    expect(thrown("Fox").char).toBe("F");
    expect(thrown("a\tb").codePoint).toBe("U+0009");
  });

  it("rejects a leading space", () => {
    const error = thrown(" fox");
    expect(error).toBeInstanceOf(PromptLeadingSpaceError);
    expect({ code: error.code, position: error.position, char: error.char }).toEqual({
      code: "PROMPT_LEADING_SPACE",
      position: 0,
      char: " ",
    });
    expect(error.shortMessage).toBe(
      "space at position 0 is not allowed: a prompt cannot start with a space",
    );
  });

  it("rejects a trailing space", () => {
    const error = thrown("fox ");
    expect(error).toBeInstanceOf(PromptTrailingSpaceError);
    expect(error.position).toBe(3);
    expect(error.shortMessage).toBe(
      "space at position 3 is not allowed: a prompt cannot end with a space",
    );
  });

  it("rejects a double space at the second space", () => {
    const error = thrown("red  fox");
    expect(error).toBeInstanceOf(PromptDoubleSpaceError);
    expect(error.position).toBe(4);
    expect(error.shortMessage).toBe(
      "space at position 4 is not allowed: a prompt cannot have two spaces in a row",
    );
  });

  it("prefers a double space over a trailing one at the same position", () => {
    expect(thrown("a  ").code).toBe("PROMPT_DOUBLE_SPACE");
  });
});
