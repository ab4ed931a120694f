import { assertCanonicalPrompt } from "./assertCanonicalPrompt.ts";

export type ValidatePromptParameters = {
  /** A prompt that should already be canonical; it is not normalised. */
  prompt: string;
};

/**
 * Asserts that `prompt` is canonical (prompt rules v1): 1 to 64 characters from
 * `a-z 0-9 space - ' , . ! ?`, no leading, trailing or double space. Use `normalizePrompt` for
 * user input and `promptFromBytes` for bytes.
 *
 * @throws {PromptError} naming the first violation; `position` counts code points.
 * @example
 * validatePrompt({ prompt: "a red fox" }) // ok
 * validatePrompt({ prompt: "a  red fox" }) // throws PromptDoubleSpaceError, position 2
 */
export function validatePrompt({ prompt }: ValidatePromptParameters): void {
  const values = Array.from(prompt, (char) => char.codePointAt(0)!);
  assertCanonicalPrompt({ values, subject: { prompt } });
}
