import type { SpotterData, SpotterWord } from "./SpotterData.ts";

const ALPHANUMERIC = /^[a-z0-9]$/;

/**
 * The word spotted where a word starts at `position`: of the patterns that match there, the
 * shortest, which is the word sprite's automaton resolves first (vocab.py `spot`). A whole-word
 * pattern must be followed by one of its `end` letters, " " standing for anything but `a-z 0-9`.
 */
export function spotAt({
  spotter,
  prompt,
  position,
}: {
  spotter: SpotterData;
  prompt: string;
  position: number;
}): SpotterWord | null {
  let best: SpotterWord | null = null;
  let bestLength = Infinity;
  for (const word of spotter.words) {
    if (!prompt.startsWith(word.pattern, position)) continue;
    let length = word.pattern.length;
    if (word.end !== undefined) {
      const following = prompt.charAt(position + length);
      const accepted = ALPHANUMERIC.test(following)
        ? word.end.includes(following)
        : word.end.includes(" ");
      if (!accepted) continue;
      length += 1;
    }
    // Equal lengths only ever tie between synonyms (vocab.py's automaton refuses anything else).
    if (length < bestLength) {
      best = word;
      bestLength = length;
    }
  }
  return best;
}
