import { describe, expect, it } from "vitest";
import { PromptError } from "../errors/prompt.ts";
import { promptTokenId } from "./promptTokenId.ts";

describe("promptTokenId", () => {
  it("is keccak256 of the prompt bytes as a uint256", () => {
    // Published Keccak-256 digests of "a" and "abc".
    expect(promptTokenId({ prompt: "a" })).toBe(
      0x3ac225168df54212a25c1c01fd35bebfea408fdac2e31ddd6f80a4bbf9a5f1cbn,
    );
    expect(promptTokenId({ prompt: "abc" })).toBe(
      0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45n,
    );
  });

  it("refuses a prompt that is not canonical rather than hashing it", () => {
    expect(() => promptTokenId({ prompt: "ABC" })).toThrow(PromptError);
  });
});
