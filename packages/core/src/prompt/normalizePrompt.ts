import { assertCanonicalPrompt } from "./assertCanonicalPrompt.ts";

// Unicode's White_Space property, spelled out so that every engine and Python agree: JavaScript's
// \s adds U+FEFF and Python's str.isspace adds U+001C..U+001F, neither of which is White_Space.
// Zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) are not whitespace: rejected.
const WHITESPACE_RUN =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

export type NormalizePromptParameters = {
  /** What the user typed. */
  input: string;
};

/**
 * Turns user input into a canonical prompt: Unicode NFC, lower case (locale-independent, full
 * case mapping: `İ` becomes `i` + U+0307), every run of whitespace collapsed to one space, trimmed;
 * then validated.
 *
 * @returns the canonical prompt.
 * @throws {PromptError} naming the first character that cannot be accepted; `position` counts code
 * points in the normalised string, which the error carries as `prompt`.
 * @example
 * normalizePrompt({ input: "  A Red\tFox " }) // "a red fox"
 * normalizePrompt({ input: "Café" }) // throws PromptInvalidCharacterError: character 'é' (U+00E9) at position 3 ...
 */
export function normalizePrompt({ input }: NormalizePromptParameters): string {
  const collapsed = input.normalize("NFC").toLowerCase().replace(WHITESPACE_RUN, " ");
  const start = collapsed.startsWith(" ") ? 1 : 0;
  const end = collapsed.length - (collapsed.length > start && collapsed.endsWith(" ") ? 1 : 0);
  const prompt = collapsed.slice(start, end);
  const values = Array.from(prompt, (char) => char.codePointAt(0)!);
  assertCanonicalPrompt({ values, subject: { prompt } });
  return prompt;
}
