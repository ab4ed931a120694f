import { spriteSpotter } from "../generated/vocabulary.ts";
import { validatePrompt } from "../prompt/validatePrompt.ts";
import { spotAt } from "./spotAt.ts";
import { vocabularyWordKind } from "./vocabularyWordKind.ts";
import type { VocabularyWord } from "./vocabularyWords.ts";

/** One word of a prompt and what the model makes of it. */
export type SpottedWord = {
  /** Index of the word's first character (the prompt is ASCII: also its byte offset). */
  start: number;
  /** Index just past the word's last character. */
  end: number;
  /** The word as written, e.g. `butterflies`. */
  text: string;
  /**
   * The vocabulary entry it was read as, or null: the model ignores it. Synonyms share a meaning,
   * so read `kind`, `subject`, `colour` and so on rather than `word` ("fox" may come as `foxes`).
   */
  meaning: VocabularyWord | null;
};

export type SpotWordsParameters = {
  /** A canonical prompt (`normalizePrompt` first). */
  prompt: string;
};

/**
 * Splits a prompt into words (runs between spaces and `- ' , . ! ?`) and reads each one as sprite
 * does: by its first letters, so "cats" is cat and "caterpillar" is nothing. Words with a null
 * `meaning` are the ones the model will not understand.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 * @example
 * spotWords({ prompt: "a red cat" }).map(({ text, meaning }) => [text, meaning?.kind ?? null])
 * // [["a", null], ["red", "colour"], ["cat", "subject"]]
 */
export function spotWords({ prompt }: SpotWordsParameters): SpottedWord[] {
  validatePrompt({ prompt });
  const words: SpottedWord[] = [];
  let start = 0;
  for (let index = 0; index <= prompt.length; index++) {
    if (index < prompt.length && !spriteSpotter.boundaries.includes(prompt.charAt(index))) continue;
    if (index > start) {
      const word = spotAt({ spotter: spriteSpotter, prompt, position: start });
      words.push({
        start,
        end: index,
        text: prompt.slice(start, index),
        meaning: word === null ? null : { ...word, kind: vocabularyWordKind(word) },
      });
    }
    start = index + 1;
  }
  return words;
}
