import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { vocabularyWords } from "./vocabularyWords.ts";

// The grouped lists sprite publishes for people (and the website reads) must be exactly the words
// the twin spots, each with the kind of its group.
const published = JSON.parse(
  readFileSync(new URL("../../../../models/sprite/vocabulary.json", import.meta.url), "utf8"),
) as Record<string, Record<string, string[]> | string[] | Record<string, string | null>>;

const grouped = (key: string): string[] =>
  Object.values(published[key] as Record<string, string[]>).flat();

describe("vocabularyWords", () => {
  const byKind = (kind: string) =>
    vocabularyWords()
      .filter((word) => word.kind === kind)
      .map(({ word }) => word)
      .sort();

  it("agrees with vocabulary.json's groups", () => {
    expect(byKind("subject")).toStrictEqual(grouped("subjects").sort());
    expect(byKind("colour")).toStrictEqual(grouped("colours").sort());
    expect(byKind("size")).toStrictEqual(grouped("sizes").sort());
    expect(byKind("relation")).toStrictEqual([...(published.relations as string[])].sort());
    expect(byKind("background")).toStrictEqual(Object.keys(published.backgrounds!).sort());
    // "night" is a background noun that also darkens; every other modifier word is a modifier.
    expect(byKind("modifier")).toStrictEqual(
      grouped("colour_modifiers")
        .filter((word) => word !== "night")
        .sort(),
    );
  });

  it("names the neutral words the model knows only to ignore", () => {
    expect(byKind("neutral")).toContain("draw");
    expect(byKind("neutral")).toContain("standing");
    expect(new Set(vocabularyWords().map(({ word }) => word)).size).toBe(vocabularyWords().length);
  });
});
