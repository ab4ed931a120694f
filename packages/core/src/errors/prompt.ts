import { PROMPT_MAX_BYTES } from "../constants/prompt.ts";
import { ProofmintError } from "./ProofmintError.ts";

export type PromptErrorCode =
  | "PROMPT_EMPTY"
  | "PROMPT_TOO_LONG"
  | "PROMPT_INVALID_CHARACTER"
  | "PROMPT_LEADING_SPACE"
  | "PROMPT_TRAILING_SPACE"
  | "PROMPT_DOUBLE_SPACE";

/**
 * What was checked: a string (positions count code points) or raw bytes (positions count bytes).
 * The first violation is reported and everything before it is ASCII, so both counts agree.
 */
export type PromptSubject = { prompt: string } | { bytes: `0x${string}` };

type PromptErrorParameters = {
  code: PromptErrorCode;
  position: number;
  subject: PromptSubject;
  char?: string | undefined;
};

const ALLOWED_HINT = "use a-z, 0-9, space and - ' , . ! ?";

/** Formats a code point the Unicode way: `U+00E9`, `U+1F44B`. */
function formatCodePoint(value: number): string {
  return `U+${value.toString(16).toUpperCase().padStart(4, "0")}`;
}

// Controls, format characters, marks, separators and surrogates render badly or not at all inside
// quotes, so the message names them by code point only.
const INVISIBLE = /^[\p{C}\p{M}\p{Z}]$/u;

// Logs should show exactly what was checked, so everything outside printable ASCII is escaped.
function subjectDetails(subject: PromptSubject): string {
  if (!("prompt" in subject)) return `bytes: ${subject.bytes}`;
  const escaped = JSON.stringify(subject.prompt).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `prompt: ${escaped}`;
}

/**
 * A prompt breaks the prompt rules (v1). `code` is stable; `position` is 0-based, in the string
 * that was checked (after normalisation, for `normalizePrompt`), and names the first violation in
 * reading order.
 */
export class PromptError extends ProofmintError {
  override name = "PromptError";
  declare readonly code: PromptErrorCode;
  /** 0-based position of the violation (`64` for a prompt that is too long). */
  readonly position: number;
  /** The offending character, when there is one (a space for space errors). */
  readonly char: string | undefined;
  /** The offending character's code point, e.g. `U+00E9`. */
  readonly codePoint: string | undefined;
  /** The string `position` indexes into, in code points; undefined when bytes were checked. */
  readonly prompt: string | undefined;

  constructor(shortMessage: string, { code, position, subject, char }: PromptErrorParameters) {
    super(shortMessage, { code, details: subjectDetails(subject) });
    this.position = position;
    this.char = char;
    this.codePoint = char === undefined ? undefined : formatCodePoint(char.codePointAt(0)!);
    this.prompt = "prompt" in subject ? subject.prompt : undefined;
  }
}

/** The prompt has no characters (or only whitespace, before normalisation). */
export class PromptEmptyError extends PromptError {
  override name = "PromptEmptyError";

  constructor({ subject }: { subject: PromptSubject }) {
    super(`prompt is empty; write 1 to ${PROMPT_MAX_BYTES} characters`, {
      code: "PROMPT_EMPTY",
      position: 0,
      subject,
    });
  }
}

/** The prompt is longer than 64 bytes; `position` is 64, the first one past the limit. */
export class PromptTooLongError extends PromptError {
  override name = "PromptTooLongError";
  /** Length of what was checked, in code points for a string and in bytes for bytes. */
  readonly length: number;

  constructor({ length, subject }: { length: number; subject: PromptSubject }) {
    const unit = "prompt" in subject ? "characters" : "bytes";
    super(`prompt is ${length} ${unit} long; at most ${PROMPT_MAX_BYTES} are allowed`, {
      code: "PROMPT_TOO_LONG",
      position: PROMPT_MAX_BYTES,
      subject,
    });
    this.length = length;
  }
}

export type PromptInvalidCharacterErrorParameters = {
  position: number;
  /** The code point (for a string) or byte (for bytes) found at `position`. */
  value: number;
  subject: PromptSubject;
};

/**
 * A character (or byte) outside `a-z 0-9 space - ' , . ! ?`. For bytes at or above 0x80, which are
 * not characters on their own, `char` is undefined and `byte` holds the value.
 */
export class PromptInvalidCharacterError extends PromptError {
  override name = "PromptInvalidCharacterError";
  /** The offending byte, when bytes were checked. */
  readonly byte: number | undefined;

  constructor({ position, value, subject }: PromptInvalidCharacterErrorParameters) {
    const isByte = !("prompt" in subject);
    const char = isByte && value >= 0x80 ? undefined : String.fromCodePoint(value);
    let what: string;
    if (char === undefined) what = `byte 0x${value.toString(16).padStart(2, "0")}`;
    else if (INVISIBLE.test(char)) what = `character ${formatCodePoint(value)}`;
    else what = `character '${char}' (${formatCodePoint(value)})`;
    super(`${what} at position ${position} is not allowed; ${ALLOWED_HINT}`, {
      code: "PROMPT_INVALID_CHARACTER",
      position,
      subject,
      char,
    });
    this.byte = isByte ? value : undefined;
  }
}

/** The prompt starts with a space. */
export class PromptLeadingSpaceError extends PromptError {
  override name = "PromptLeadingSpaceError";

  constructor({ subject }: { subject: PromptSubject }) {
    super("space at position 0 is not allowed: a prompt cannot start with a space", {
      code: "PROMPT_LEADING_SPACE",
      position: 0,
      subject,
      char: " ",
    });
  }
}

/** The prompt ends with a space. */
export class PromptTrailingSpaceError extends PromptError {
  override name = "PromptTrailingSpaceError";

  constructor({ position, subject }: { position: number; subject: PromptSubject }) {
    super(`space at position ${position} is not allowed: a prompt cannot end with a space`, {
      code: "PROMPT_TRAILING_SPACE",
      position,
      subject,
      char: " ",
    });
  }
}

/** A space follows another space; `position` is the second one. */
export class PromptDoubleSpaceError extends PromptError {
  override name = "PromptDoubleSpaceError";

  constructor({ position, subject }: { position: number; subject: PromptSubject }) {
    super(
      `space at position ${position} is not allowed: a prompt cannot have two spaces in a row`,
      { code: "PROMPT_DOUBLE_SPACE", position, subject, char: " " },
    );
  }
}
