// The words of a prompt that the model does not understand, with the nearest words it knows: which
// words it reads is the model's own rule (spotWords of @proofmint/core, generated from its
// published vocabulary); the suggestions come from that vocabulary as web/modelCard.ts reads it.
import type { Vocabulary } from "../../../modelCard.ts";

export type UnknownWord = {
  /** The word as it appears in the canonical prompt. */
  word: string;
  /** Known words close to it in spelling, nearest first (at most three). */
  suggestions: string[];
};

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters ("circel" is one from "circle"), each costing one.
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Close enough to suggest: one edit for short words, two from six letters, or a prefix of it. */
function suggestions(word: string, known: string[]): string[] {
  const allowed = word.length >= 6 ? 2 : 1;
  return known
    .map((candidate) => ({
      candidate,
      distance:
        word.length >= 3 && candidate.startsWith(word) ? 0.5 : editDistance(word, candidate),
    }))
    .filter(({ distance }) => distance <= allowed)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/**
 * The words the model will not understand, in order, once each: those `spotWords` of
 * `@proofmint/core` (the model's own reading of a prompt) gives no meaning, less the ones the
 * vocabulary says are skipped without loss (articles). Suggestions come from the vocabulary.
 */
export function unknownWords({
  spotted,
  vocabulary,
}: {
  spotted: readonly { text: string; meaning: unknown }[];
  vocabulary: Vocabulary;
}): UnknownWord[] {
  const known = [...new Set(vocabulary.words.map(({ word }) => word))];
  const ignored = new Set(vocabulary.ignored);
  const seen = new Set<string>();
  const unknown: UnknownWord[] = [];
  for (const { text: word, meaning } of spotted) {
    if (meaning !== null || ignored.has(word) || seen.has(word)) continue;
    seen.add(word);
    unknown.push({ word, suggestions: suggestions(word, known) });
  }
  return unknown;
}
