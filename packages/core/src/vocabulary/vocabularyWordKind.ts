import type { SpotterWord } from "./SpotterData.ts";

/**
 * A word's main role: a subject noun, a background noun ("sky"; "night" also darkens it), a
 * relation word ("on", "with"), a colour, a colour modifier ("light", "pale"), a size, or
 * `neutral`: a word known only so that it is not read as another ("draw" is not dragon).
 */
export type VocabularyWordKind =
  "subject" | "background" | "relation" | "colour" | "modifier" | "size" | "neutral";

/** The main role of a spotted word. */
export function vocabularyWordKind(word: SpotterWord): VocabularyWordKind {
  if (word.subject !== undefined) return "subject";
  if (word.background === true) return "background";
  if (word.relation === true) return "relation";
  if (word.colour !== undefined) return "colour";
  if (word.modifier !== undefined) return "modifier";
  if (word.size !== undefined) return "size";
  return "neutral";
}
