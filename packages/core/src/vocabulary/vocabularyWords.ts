import { spriteSpotter } from "../generated/vocabulary.ts";
import type { SpotterWord } from "./SpotterData.ts";
import { vocabularyWordKind, type VocabularyWordKind } from "./vocabularyWordKind.ts";

/** A word the model understands, with its role and full meaning. */
export type VocabularyWord = SpotterWord & { kind: VocabularyWordKind };

const WORDS: readonly VocabularyWord[] = spriteSpotter.words.map((word) => ({
  ...word,
  kind: vocabularyWordKind(word),
}));

/**
 * Every word sprite understands, with its kind, in the model's order (colours, modifiers, sizes,
 * relations, backgrounds, subjects, neutral words). Plurals and longer forms match too: see
 * `pattern` and `end`, or ask `spotWords`. Articles and other unknown words are simply ignored.
 *
 * @example
 * vocabularyWords().find(({ word }) => word === "sky") // { word: "sky", kind: "background", backgroundColour: "blue", ... }
 */
export function vocabularyWords(): readonly VocabularyWord[] {
  return WORDS;
}
