/** The modifiers a colour word may carry. */
export type ColourModifier = "light" | "dark" | "pale" | "bright";

/**
 * One word the spotter knows, and what it contributes when spotted. Absent fields mean the word
 * has no such role; a word with none of them is known only so that it is not read as another.
 */
export type SpotterWord = {
  word: string;
  /**
   * The letters that identify the word where one starts: a prefix no word of another meaning shares
   * ("butterflies" is butterfly), or, when `end` is present, the whole word.
   */
  pattern: string;
  /**
   * For a whole-word pattern, what may follow it: " " for any byte other than `a-z 0-9` or the end
   * of the prompt, and letters ("s" for plurals, "e" after x, s, sh, ch, o).
   */
  end?: string;
  /** The subject the word names. */
  subject?: string;
  colour?: string;
  modifier?: ColourModifier;
  /** Size level, 1 (tiny) to 5 (huge). */
  size?: number;
  /** A relation word ("on", "in front of", "with"): later colours may name the background. */
  relation?: true;
  /** A background noun. */
  background?: true;
  /** The background colour the noun gives when the prompt names none (null: neutral). */
  backgroundColour?: string | null;
  /** The modifier of that default colour. */
  backgroundModifier?: ColourModifier;
};

/** A model's word spotter and phrase rules as data (generated; see `generated/vocabulary.ts`). */
export type SpotterData = {
  /** The model these rules belong to. */
  model: string;
  /** Bytes after which a word may start (and the start of the prompt). */
  boundaries: string;
  /** Bytes that close a phrase, as relation words do. */
  delimiters: string;
  /** How far (bytes) a colour word looks ahead for the noun it describes. */
  lookahead: number;
  /** The subject drawn when the prompt names none. */
  defaultSubject: string;
  /** The name of the background colour drawn when the prompt names none. */
  neutral: string;
  /** Sums of size levels that draw the subject small. */
  smallSizeSums: number[];
  /** In meaning-id order. */
  words: SpotterWord[];
};
