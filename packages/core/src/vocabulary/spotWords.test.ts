import { describe, expect, it } from "vitest";
import { PromptError } from "../errors/prompt.ts";
import { spotWords } from "./spotWords.ts";

const read = (prompt: string) =>
  spotWords({ prompt }).map(({ start, end, text, meaning }) => ({
    start,
    end,
    text,
    // A subject's name: its words are synonyms ("fox" may be read through "foxes", same meaning).
    word: meaning?.subject ?? meaning?.word ?? null,
    kind: meaning?.kind ?? null,
  }));

describe("spotWords", () => {
  it("gives every word its position and meaning, null for the ones the model ignores", () => {
    expect(read("a red fox, on the sky")).toStrictEqual([
      { start: 0, end: 1, text: "a", word: null, kind: null },
      { start: 2, end: 5, text: "red", word: "red", kind: "colour" },
      { start: 6, end: 9, text: "fox", word: "fox", kind: "subject" },
      { start: 11, end: 13, text: "on", word: "on", kind: "relation" },
      { start: 14, end: 17, text: "the", word: null, kind: null },
      { start: 18, end: 21, text: "sky", word: "sky", kind: "background" },
    ]);
  });

  it("reads plurals and prefixes, and not words that merely start like a known one", () => {
    const words = (prompt: string) => read(prompt).map(({ text, word }) => [text, word]);
    expect(words("cats foxes butterflies greenish")).toStrictEqual([
      ["cats", "cat"],
      ["foxes", "fox"],
      ["butterflies", "butterfly"],
      ["greenish", "green"],
    ]);
    expect(words("caterpillar category sunset draw")).toStrictEqual([
      ["caterpillar", null],
      ["category", null],
      ["sunset", "sunset"],
      ["draw", "draw"],
    ]);
    expect(read("draw")[0]?.kind).toBe("neutral");
  });

  it("splits at - ' and punctuation, and a digit ends no word", () => {
    expect(read("red-fox's cat5!").map(({ text, word }) => [text, word])).toStrictEqual([
      ["red", "red"],
      ["fox", "fox"],
      ["s", null],
      ["cat5", null],
    ]);
  });

  it("reads only canonical prompts", () => {
    expect(() => spotWords({ prompt: "a  fox" })).toThrow(PromptError);
  });
});
