import { normalizePrompt, PromptError } from "@proofmint/core";

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
      message: error.shortMessage,
      before: chars.slice(0, position).join(""),
      offending: chars.slice(position, position + width).join(""),
      after: chars.slice(position + width).join(""),
    };
  }
}
