import { PROMPT_ALLOWED_CHARACTERS, PROMPT_MAX_BYTES } from "../constants/prompt.ts";
import {
  PromptDoubleSpaceError,
  PromptEmptyError,
  PromptInvalidCharacterError,
  PromptLeadingSpaceError,
  PromptTooLongError,
  PromptTrailingSpaceError,
  type PromptSubject,
} from "../errors/prompt.ts";

const SPACE = 0x20;
const ALLOWED = new Set(Array.from(PROMPT_ALLOWED_CHARACTERS, (char) => char.charCodeAt(0)));

export type AssertCanonicalPromptParameters = {
  /** Code points of a string, or bytes. */
  values: ArrayLike<number>;
  subject: PromptSubject;
};

/**
 * Throws the first violation of the prompt rules in reading order. At position i, in this order:
 * a disallowed value, a space at 0, a space after a space, a space at the end. Reaching position 64
 * is itself a violation (too long), so a 100-byte prompt with a bad byte at 10 reports the byte.
 * The Solidity codec and `models/codec.py` follow the same order; the golden vectors pin it.
 */
export function assertCanonicalPrompt({ values, subject }: AssertCanonicalPromptParameters): void {
  const { length } = values;
  if (length === 0) throw new PromptEmptyError({ subject });
  for (let position = 0; position < length; position++) {
    if (position === PROMPT_MAX_BYTES) throw new PromptTooLongError({ length, subject });
    const value = values[position]!;
    if (!ALLOWED.has(value)) throw new PromptInvalidCharacterError({ position, value, subject });
    if (value !== SPACE) continue;
    if (position === 0) throw new PromptLeadingSpaceError({ subject });
    if (values[position - 1] === SPACE) throw new PromptDoubleSpaceError({ position, subject });
    if (position === length - 1) throw new PromptTrailingSpaceError({ position, subject });
  }
}
