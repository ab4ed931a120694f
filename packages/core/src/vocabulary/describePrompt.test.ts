import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PromptError } from "../errors/prompt.ts";
import { describePrompt, type PromptDescription } from "./describePrompt.ts";

// sprite's plain-Python twin writes these (models/sprite/vocab.py, `describe_vectors`), and its
// pytest holds the file current; here every case must come out the same in TypeScript.
type DescribeVectors = {
  _generated: string;
  vectors: {
    prompt: string;
    describe: {
      object: string;
      subject_colour: string | null;
      background_colour: string | null;
      size: "small" | "large";
    };
  }[];
};

const { vectors } = JSON.parse(
  readFileSync(new URL("../../../../models/sprite/describe_vectors.json", import.meta.url), "utf8"),
) as DescribeVectors;

describe("describePrompt", () => {
  it("has at least 300 golden vectors, 64-byte prompts among them", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(300);
    expect(vectors.some(({ prompt }) => prompt.length === 64)).toBe(true);
  });

  it.each(vectors)("$prompt", ({ prompt, describe: expected }) => {
    expect(describePrompt({ prompt })).toStrictEqual({
      object: expected.object,
      subjectColour: expected.subject_colour,
      backgroundColour: expected.background_colour,
      size: expected.size,
    } satisfies PromptDescription);
  });

  it("reads only canonical prompts", () => {
    expect(() => describePrompt({ prompt: "A red fox" })).toThrow(PromptError);
    expect(() => describePrompt({ prompt: "a red fox " })).toThrow(PromptError);
  });
});
