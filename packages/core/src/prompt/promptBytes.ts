import { validatePrompt } from "./validatePrompt.ts";

export type PromptBytesParameters = {
  /** A canonical prompt. */
  prompt: string;
};

/**
 * The bytes of a canonical prompt: what the contract receives as `prompt`, what is hashed into the
 * token id and what becomes the public instances. Canonical prompts are ASCII, so one byte per
 * character.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 */
export function promptBytes({ prompt }: PromptBytesParameters): Uint8Array {
  validatePrompt({ prompt });
  return Uint8Array.from(prompt, (char) => char.charCodeAt(0));
}
