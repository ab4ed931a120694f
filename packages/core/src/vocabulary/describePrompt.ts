import { spriteSpotter } from "../generated/vocabulary.ts";
import { spotWords } from "./spotWords.ts";

/** What sprite draws for a prompt (vocab.py `describe`). */
export type PromptDescription = {
  /** The subject drawn: the first subject noun, else `circle`. */
  object: string;
  /** `red`, `dark blue`; null when none is named: the subject keeps its natural colours. */
  subjectColour: string | null;
  /**
   * `blue`, `light blue`, `dark neutral`; null when none is named or implied by a background noun:
   * the neutral light grey.
   */
  backgroundColour: string | null;
  /** `small` (12 px) when the size words' levels add up to 1 or 2, else `large` (24 px). */
  size: "small" | "large";
};

export type DescribePromptParameters = {
  /** A canonical prompt. */
  prompt: string;
};

type Side = "subject" | "background";
type Event = { position: number; kind: "subject" | "background" | "delimiter" };

/**
 * Says what sprite draws for `prompt`, with exactly the rules of its circuit (models/sprite/vocab.py
 * `describe`, held to it by models/sprite/describe_vectors.json). Descriptive: the proof binds the
 * model, not this function.
 *
 * Events are subject nouns, background nouns and phrase ends (relation words and `, . ! ?`). A
 * colour or modifier word belongs to the background when the next event after it (within 31
 * bytes) is a background noun, or when a relation word came before it and that next event is not a
 * subject noun; otherwise to the subject. On each side the first colour and first modifier count;
 * without a background colour, the first background noun's default applies. Size levels add up.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 * @example
 * describePrompt({ prompt: "a red fox in front of a dark blue night sky" })
 * // { object: "fox", subjectColour: "red", backgroundColour: "dark blue", size: "large" }
 */
export function describePrompt({ prompt }: DescribePromptParameters): PromptDescription {
  const { delimiters, lookahead, defaultSubject, smallSizeSums } = spriteSpotter;
  const spotted = spotWords({ prompt }).flatMap(({ start, meaning }) =>
    meaning === null ? [] : [{ position: start, word: meaning }],
  );
  const events: Event[] = [];
  for (let position = 0; position < prompt.length; position++) {
    if (delimiters.includes(prompt.charAt(position))) events.push({ position, kind: "delimiter" });
  }
  for (const { position, word } of spotted) {
    if (word.subject !== undefined) events.push({ position, kind: "subject" });
    else if (word.background === true) events.push({ position, kind: "background" });
    else if (word.relation === true) events.push({ position, kind: "delimiter" });
  }
  events.sort((a, b) => a.position - b.position);
  const relations = spotted.filter(({ word }) => word.relation === true).map((s) => s.position);

  const side = (position: number): Side => {
    const next = events.find((e) => position < e.position && e.position < position + lookahead);
    if (next?.kind === "background") return "background";
    if (next?.kind !== "subject" && relations.some((q) => q < position)) return "background";
    return "subject";
  };

  const first: Record<`${Side} ${"colour" | "modifier"}`, string | undefined> = {
    "subject colour": undefined,
    "subject modifier": undefined,
    "background colour": undefined,
    "background modifier": undefined,
  };
  let sizeSum = 0;
  for (const { position, word } of spotted) {
    const s = side(position);
    if (word.colour !== undefined) first[`${s} colour`] ??= word.colour;
    if (word.modifier !== undefined) first[`${s} modifier`] ??= word.modifier;
    sizeSum += word.size ?? 0;
  }
  const subject = spotted.find(({ word }) => word.subject !== undefined)?.word.subject;
  const ground = spotted.find(({ word }) => word.background === true)?.word;
  let backgroundColour = first["background colour"];
  let backgroundModifier = first["background modifier"];
  if (backgroundColour === undefined && ground !== undefined) {
    backgroundColour = ground.backgroundColour ?? undefined;
    backgroundModifier ??= ground.backgroundModifier;
  }
  const subjectColour = first["subject colour"];
  return {
    object: subject ?? defaultSubject,
    subjectColour: colourName(subjectColour, subjectColour && first["subject modifier"]),
    backgroundColour: colourName(backgroundColour, backgroundModifier),
    size: smallSizeSums.includes(sizeSum) ? "small" : "large",
  };
}

function colourName(colour: string | undefined, modifier: string | undefined): string | null {
  const base = colour ?? (modifier === undefined ? undefined : spriteSpotter.neutral);
  if (base === undefined) return null;
  return modifier === undefined ? base : `${modifier} ${base}`;
}
