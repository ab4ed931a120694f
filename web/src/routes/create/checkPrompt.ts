import { normalizePrompt, PROMPT_MAX_BYTES, PromptError } from "@proofmint/core";
import { ordinal } from "../../lib/format.ts";

export type PromptCheck =
  | { ok: true; prompt: string; changed: boolean }
  | {
      ok: false;
      code: string;
      message: string;
      /** The normalised text the position points into, split around the offending part. */
      before: string;
      offending: string;
      after: string;
    };

// Characters people type without seeing them, or mistake for others: named, not only numbered.
const NAMES: Record<string, string> = {
  "\t": "a tab",
  "\n": "a line break",
  "\u00a0": "a no-break space",
  "\u200b": "a zero-width space",
  "\u200d": "a zero-width joiner",
  "\ufeff": "a byte order mark",
  "\u2018": "a curly opening quote ‘",
  "\u2019": "a curly apostrophe ’",
  "\u201c": "a curly opening double quote “",
  "\u201d": "a curly closing double quote ”",
  "\u2013": "an en dash –",
  "\u2014": "an em dash —",
  "\u2026": "an ellipsis …",
  '"': "a double quote",
  ":": "a colon",
  ";": "a semicolon",
  "&": "an ampersand",
  "/": "a slash",
};

// What to type instead, where there is an obvious equivalent in the prompt alphabet.
const INSTEAD: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": ".",
  "\u00a0": "a space",
};

/** `“✓” (U+2713)`, `a tab (U+0009)`, `“é” (U+00E9), a letter with an accent`. */
export function describeCharacter(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[char];
  if (name !== undefined) return `${name} (${code})`;
  const base = char.normalize("NFD").replace(/\p{Mn}/gu, "");
  if (/^[a-z]$/i.test(base)) return `“${char}” (${code}), a letter with an accent`;
  return `“${char}” (${code})`;
}

function hint(char: string): string {
  const instead = INSTEAD[char];
  if (instead !== undefined) return `type ${instead} instead.`;
  const base = char.normalize("NFD").replace(/\p{Mn}/gu, "");
  if (/^[a-z]$/i.test(base)) return `write it without the accent: ${base.toLowerCase()}.`;
  return "a prompt uses letters a-z, digits, spaces and - ' , . ! ?";
}

function message(error: PromptError, chars: string[]): string {
  const place = `${ordinal(error.position + 1)} character`;
  switch (error.code) {
    case "PROMPT_EMPTY":
      return "Write a prompt.";
    case "PROMPT_TOO_LONG": {
      const over = chars.length - PROMPT_MAX_BYTES;
      return `The prompt is ${chars.length} characters long, ${over} over the limit of ${PROMPT_MAX_BYTES}: remove the ${over} highlighted at the end.`;
    }
    case "PROMPT_INVALID_CHARACTER":
      return `The ${place}, ${describeCharacter(error.char ?? "")}, cannot be used: ${hint(error.char ?? "")}`;
    case "PROMPT_LEADING_SPACE":
    case "PROMPT_TRAILING_SPACE":
    case "PROMPT_DOUBLE_SPACE":
      return `The ${place} is a space that cannot stand there: remove it.`;
    default:
      return error.shortMessage;
  }
}

/** Normalises what was typed with the prompt rules of @proofmint/core and says what is wrong. */
export function checkPrompt(input: string): PromptCheck {
  try {
    const prompt = normalizePrompt({ input });
    return { ok: true, prompt, changed: prompt !== input };
  } catch (error) {
    if (!(error instanceof PromptError)) throw error;
    const chars = Array.from(error.prompt ?? input);
    const position = Math.min(error.position, chars.length);
    const width = error.code === "PROMPT_TOO_LONG" ? chars.length - position : error.char ? 1 : 0;
    return {
      ok: false,
      code: error.code,
      message: message(error, chars),
      before: chars.slice(0, position).join(""),
      offending: chars.slice(position, position + width).join(""),
      after: chars.slice(position + width).join(""),
    };
  }
}
