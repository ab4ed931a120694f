/**
 * Golden vectors for the prompt rules (v1), written to `prompts.json` by `generate.mjs` and read by
 * vitest, pytest and forge. Each case states its input and the outcome the rules demand (the
 * canonical prompt, or an error code and position); the generator fails unless packages/core
 * agrees, then derives the rest (bytes, token id, instances, offending character) from core.
 *
 * Schema of prompts.json (also in README.md):
 *
 * - `_generated`: says the file is generated and by what.
 * - `rules`: `maxBytes` (64), `allowedCharacters`, `promptInstanceCount` (64),
 *   `publicInstanceCount` (64), `inputScale` used for `instances` (0).
 * - `valid[]`: `name`, `input` (user text), `prompt` (= normalizePrompt(input)), `bytes` (0x hex of
 *   the prompt), `tokenId` (0x, 32 bytes: keccak256(bytes)), `instances` (64 numbers: byte i, 0
 *   past the end, at inputScale 0). Each `prompt` is canonical: validatePrompt accepts it and
 *   normalizePrompt leaves it unchanged.
 * - `invalid[]`: `name`, `input`, `normalized` (the string `position` indexes, in code points),
 *   `code`, `position`, `char` and `codePoint` ("U+00E9"; both null when there is no character).
 * - `invalidBytes[]`: raw bytes that are not canonical, checked without normalisation as the
 *   contract does: `name`, `bytes` (0x hex), `code`, `position` (a byte index; the offending byte,
 *   if any, is bytes[position]).
 *
 * Positions name the first violation in reading order; too long is position 64, empty position 0.
 */
import {
  normalizePrompt,
  PROMPT_ALLOWED_CHARACTERS,
  PROMPT_INSTANCE_COUNT,
  PROMPT_MAX_BYTES,
  PromptError,
  promptBytes,
  promptFromBytes,
  promptInstances,
  promptTokenId,
  PUBLIC_INSTANCE_COUNT,
  validatePrompt,
  type PromptErrorCode,
} from "@proofmint/core";
import { bytesToHex, numberToHex, type Hex } from "viem";

export type ValidPromptVector = {
  name: string;
  input: string;
  prompt: string;
  bytes: Hex;
  tokenId: Hex;
  instances: number[];
};

export type InvalidPromptVector = {
  name: string;
  input: string;
  normalized: string;
  code: PromptErrorCode;
  position: number;
  char: string | null;
  codePoint: string | null;
};

export type InvalidPromptBytesVector = {
  name: string;
  bytes: Hex;
  code: PromptErrorCode;
  position: number;
};

export type PromptVectors = {
  _generated: string;
  rules: {
    maxBytes: number;
    allowedCharacters: string;
    promptInstanceCount: number;
    publicInstanceCount: number;
    inputScale: number;
  };
  valid: ValidPromptVector[];
  invalid: InvalidPromptVector[];
  invalidBytes: InvalidPromptBytesVector[];
};

type ValidSpec = { name: string; input: string; prompt: string };
type InvalidSpec = { name: string; input: string; code: PromptErrorCode; position: number };
type InvalidBytesSpec = {
  name: string;
  bytes: Uint8Array;
  code: PromptErrorCode;
  position: number;
};

const INPUT_SCALE = 0;

// Unicode White_Space: every one of these collapses like a plain space.
const WHITESPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

const hex2 = (value: number) => value.toString(16).padStart(2, "0");
const u = (value: number) => `U+${value.toString(16).toUpperCase().padStart(4, "0")}`;
const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const isAllowed = (code: number) => PROMPT_ALLOWED_CHARACTERS.includes(String.fromCharCode(code));
const isUpper = (code: number) => code >= 0x41 && code <= 0x5a;

function validSpecs(): ValidSpec[] {
  const specs: ValidSpec[] = [];
  for (const char of PROMPT_ALLOWED_CHARACTERS.replace(" ", "")) {
    specs.push({ name: `one character ${JSON.stringify(char)}`, input: char, prompt: char });
  }
  const sixtyFour = "the quick brown fox jumps over the lazy dog, then naps. 12345678";
  specs.push(
    {
      name: "every allowed character",
      input: PROMPT_ALLOWED_CHARACTERS,
      prompt: PROMPT_ALLOWED_CHARACTERS,
    },
    {
      name: "sentence with comma and bang",
      input: "a red fox, at dawn!",
      prompt: "a red fox, at dawn!",
    },
    { name: "apostrophe and question mark", input: "what's that?", prompt: "what's that?" },
    {
      name: "hyphen, digits and full stop",
      input: "8-bit castle no. 2",
      prompt: "8-bit castle no. 2",
    },
    { name: "punctuation only", input: "?!", prompt: "?!" },
    { name: "digits only", input: "2024", prompt: "2024" },
    { name: "64 bytes, one letter", input: "a".repeat(64), prompt: "a".repeat(64) },
    { name: "64 bytes, sentence", input: sixtyFour, prompt: sixtyFour },
    { name: "63 bytes", input: "z".repeat(63), prompt: "z".repeat(63) },
    { name: "two characters with a space", input: "a b", prompt: "a b" },
    { name: "upper case lowered", input: "A Red FOX", prompt: "a red fox" },
    {
      name: "every upper-case letter",
      input: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      prompt: "abcdefghijklmnopqrstuvwxyz",
    },
    { name: "leading and trailing spaces trimmed", input: "  fox  ", prompt: "fox" },
    { name: "trailing newline trimmed", input: "fox\n", prompt: "fox" },
    { name: "tabs, newlines and CRLF collapse", input: "\ta\tred\n\nfox\r\n", prompt: "a red fox" },
    { name: "mixed whitespace run collapses", input: "a \t\u00a0\u3000\u2028 b", prompt: "a b" },
    { name: "double space collapses", input: "a  b", prompt: "a b" },
    {
      name: "long input collapses to 64 bytes",
      input: ["ab", ...Array<string>(31).fill("a")].join("\t\t \u00a0"),
      prompt: `ab${" a".repeat(31)}`,
    },
    {
      name: "64 bytes after trimming whitespace",
      input: `\u3000${"b".repeat(64)}\t\n`,
      prompt: "b".repeat(64),
    },
    { name: "kelvin sign is K under NFC", input: "\u212aey", prompt: "key" },
    {
      name: "upper case and whitespace together",
      input: "\n  What'S   UP?  ",
      prompt: "what's up?",
    },
  );
  for (const space of WHITESPACE) {
    specs.push({
      name: `whitespace ${u(space)} collapses`,
      input: `x${String.fromCharCode(space)}y`,
      prompt: "x y",
    });
  }
  for (const space of WHITESPACE) {
    specs.push({
      name: `whitespace ${u(space)} trimmed at both ends`,
      input: `${String.fromCharCode(space)}x${String.fromCharCode(space)}`,
      prompt: "x",
    });
  }
  return specs;
}

function invalidSpecs(): InvalidSpec[] {
  const invalid = (name: string, input: string, position: number): InvalidSpec => ({
    name,
    input,
    code: "PROMPT_INVALID_CHARACTER",
    position,
  });
  const specs: InvalidSpec[] = [
    { name: "empty", input: "", code: "PROMPT_EMPTY", position: 0 },
    { name: "one space", input: " ", code: "PROMPT_EMPTY", position: 0 },
    { name: "ASCII whitespace only", input: "\t\n\r \v\f", code: "PROMPT_EMPTY", position: 0 },
    {
      name: "Unicode whitespace only",
      input: "\u3000\u00a0\u2028",
      code: "PROMPT_EMPTY",
      position: 0,
    },
    { name: "65 bytes", input: "a".repeat(65), code: "PROMPT_TOO_LONG", position: 64 },
    { name: "200 bytes", input: "a".repeat(200), code: "PROMPT_TOO_LONG", position: 64 },
    {
      name: "too long after collapsing",
      input: "a  ".repeat(40),
      code: "PROMPT_TOO_LONG",
      position: 64,
    },
    {
      name: "too long before a bad character",
      input: `${"a".repeat(64)}é`,
      code: "PROMPT_TOO_LONG",
      position: 64,
    },
    invalid("bad character before the length limit", `é${"a".repeat(100)}`, 0),
    invalid("bad character at position 63", `${"a".repeat(63)}é`, 63),
    invalid("precomposed e acute", "Café", 3),
    invalid("NFD e acute composes to é", "Cafe\u0301", 3),
    invalid("e grave", "crème brûlée", 2),
    invalid("sharp s", "straße", 4),
    invalid("capital sharp s lowers to ß", "STRA\u1e9eE", 4),
    invalid("dotted capital I lowers to i and U+0307", "\u0130stanbul", 1),
    invalid("dotted capital I alone", "\u0130", 1),
    invalid("dotless i", "\u0131f", 0),
    invalid("final sigma lowers to ς", "a\u03a3", 1),
    invalid("sigma before a letter lowers to σ", "\u03a3a", 0),
    invalid("ohm sign is Ω under NFC, then ω", "\u2126hm", 0),
    invalid("angstrom sign is Å under NFC, then å", "\u212bngstrom", 0),
    invalid("emoji (surrogate pair) counts as one position", "hi 👋 there", 3),
    invalid("ZWJ family emoji", "👨‍👩‍👧 family", 0),
    invalid("flag emoji", "flag 🇫🇷", 5),
    invalid("emoji with variation selector", "love ❤️", 5),
    invalid("zero-width space is not whitespace", "a\u200bb", 1),
    invalid("zero-width non-joiner", "a\u200cb", 1),
    invalid("zero-width joiner", "a\u200db", 1),
    invalid("word joiner", "a\u2060b", 1),
    invalid("byte order mark is not whitespace", "a\ufeffb", 1),
    invalid("byte order mark at the start", "\ufeffhello", 0),
    invalid("mongolian vowel separator is not whitespace", "a\u180eb", 1),
    invalid("soft hyphen", "a\u00adb", 1),
    invalid("en dash", "a\u2013b", 1),
    invalid("em dash", "a\u2014b", 1),
    invalid("typographic apostrophe", "it\u2019s", 2),
    invalid("typographic quotes", "\u201cquoted\u201d", 0),
    invalid("ellipsis", "wait\u2026", 4),
    invalid("fullwidth A lowers to fullwidth a", "\uff21bc", 0),
    invalid("fi ligature (NFC keeps it)", "\ufb01re", 0),
    invalid("cyrillic a", "\u0430pple", 0),
    invalid("chinese", "\u4f60\u597d", 0),
    invalid("arabic", "\u0645\u0631\u062d\u0628\u0627", 0),
    invalid("superscript two", "x\u00b2", 1),
    invalid("arabic-indic digit three", "\u0663", 0),
    invalid("roman numeral twelve lowers to U+217B", "\u216b", 0),
    invalid("circled A lowers to circled a", "\u24b6", 0),
    invalid("deseret capital lowers to an astral small letter", "\u{10400}", 0),
    invalid("combining mark at the start", "\u0301a", 0),
    invalid("lone high surrogate", "a\ud800b", 1),
    invalid("lone low surrogate", "a\udc00b", 1),
    invalid("replacement character", "a\ufffdb", 1),
    invalid("private use character", "a\ue000b", 1),
    invalid("C1 control U+0080", "a\u0080b", 1),
    invalid("C1 control U+009F", "a\u009fb", 1),
    invalid("position counts the normalised string", "  Hello \t World  é", 12),
    invalid("position after collapsed tabs", "\tA\t\té", 2),
    invalid("position after collapsed ideographic spaces", "a\u3000\u3000ü", 2),
  ];
  for (let code = 0x21; code < 0x7f; code++) {
    if (isAllowed(code) || isUpper(code)) continue;
    specs.push(
      invalid(
        `ASCII ${JSON.stringify(String.fromCharCode(code))}`,
        `a${String.fromCharCode(code)}b`,
        1,
      ),
    );
  }
  for (let code = 0; code < 0x80; code++) {
    const isControl = code < 0x20 || code === 0x7f;
    if (!isControl || WHITESPACE.includes(code)) continue;
    specs.push(invalid(`ASCII control ${u(code)}`, `a${String.fromCharCode(code)}b`, 1));
  }
  return specs;
}

function invalidBytesSpecs(): InvalidBytesSpec[] {
  const spec = (name: string, bytes: Uint8Array, code: PromptErrorCode, position: number) => ({
    name,
    bytes,
    code,
    position,
  });
  const specs: InvalidBytesSpec[] = [
    spec("empty", new Uint8Array(0), "PROMPT_EMPTY", 0),
    spec("65 bytes", ascii("a".repeat(65)), "PROMPT_TOO_LONG", 64),
    spec("100 bytes", ascii("a".repeat(100)), "PROMPT_TOO_LONG", 64),
    spec("65 bytes ending in 0x80", ascii(`${"a".repeat(64)}\x80`), "PROMPT_TOO_LONG", 64),
    spec("65 bytes ending in a space", ascii(`${"a".repeat(64)} `), "PROMPT_TOO_LONG", 64),
    spec("65 bytes with a space at 63", ascii(`${"a".repeat(63)} a`), "PROMPT_TOO_LONG", 64),
    spec(
      "bad byte before the length limit",
      ascii(`A${"a".repeat(64)}`),
      "PROMPT_INVALID_CHARACTER",
      0,
    ),
    spec(
      "double space before the length limit",
      ascii(`a  ${"a".repeat(70)}`),
      "PROMPT_DOUBLE_SPACE",
      2,
    ),
    spec("one space", ascii(" "), "PROMPT_LEADING_SPACE", 0),
    spec("two spaces", ascii("  "), "PROMPT_LEADING_SPACE", 0),
    spec("leading space", ascii(" a"), "PROMPT_LEADING_SPACE", 0),
    spec("trailing space", ascii("a "), "PROMPT_TRAILING_SPACE", 1),
    spec("trailing space at 63", ascii(`${"a".repeat(63)} `), "PROMPT_TRAILING_SPACE", 63),
    spec("double space", ascii("a  b"), "PROMPT_DOUBLE_SPACE", 2),
    spec("double space at the end", ascii("a  "), "PROMPT_DOUBLE_SPACE", 2),
    spec("triple space", ascii("a   b"), "PROMPT_DOUBLE_SPACE", 2),
    spec("upper case is not lowered", ascii("Hello"), "PROMPT_INVALID_CHARACTER", 0),
    spec("tab is not normalised", ascii("a\tb"), "PROMPT_INVALID_CHARACTER", 1),
    spec("NUL alone", Uint8Array.of(0), "PROMPT_INVALID_CHARACTER", 0),
    spec("trailing NUL", ascii("a\0"), "PROMPT_INVALID_CHARACTER", 1),
    spec("zero-padded to 32 bytes", ascii("fox".padEnd(32, "\0")), "PROMPT_INVALID_CHARACTER", 3),
    spec("UTF-8 of é (first byte 0xc3)", ascii("caf\xc3\xa9"), "PROMPT_INVALID_CHARACTER", 3),
    spec("UTF-8 byte order mark", ascii("\xef\xbb\xbfa"), "PROMPT_INVALID_CHARACTER", 0),
    spec("UTF-8 of a non-breaking space", ascii("a\xc2\xa0b"), "PROMPT_INVALID_CHARACTER", 1),
  ];
  for (let byte = 0; byte < 256; byte++) {
    if (isAllowed(byte)) continue;
    specs.push(
      spec(
        `byte 0x${hex2(byte)} between letters`,
        Uint8Array.of(0x61, byte, 0x62),
        "PROMPT_INVALID_CHARACTER",
        1,
      ),
    );
  }
  return specs;
}

function expectError(
  run: () => unknown,
  name: string,
  code: PromptErrorCode,
  position: number,
): PromptError {
  try {
    run();
  } catch (error) {
    if (!(error instanceof PromptError)) throw error;
    if (error.code !== code || error.position !== position) {
      throw new Error(
        `case ${JSON.stringify(name)}: expected ${code} at ${position}, core says ${error.code} at ${error.position}`,
        { cause: error },
      );
    }
    return error;
  }
  throw new Error(`case ${JSON.stringify(name)}: expected ${code} at ${position}, core accepts it`);
}

function assertUniqueNames(cases: readonly { name: string }[]): void {
  const seen = new Set<string>();
  for (const { name } of cases) {
    if (seen.has(name)) throw new Error(`duplicate case name ${JSON.stringify(name)}`);
    seen.add(name);
  }
}

/** Derives the prompt vectors from packages/core; throws if core disagrees with a case. */
export function promptVectors(): PromptVectors {
  const valid = validSpecs().map(({ name, input, prompt }): ValidPromptVector => {
    const normalized = normalizePrompt({ input });
    if (normalized !== prompt) {
      throw new Error(
        `case ${JSON.stringify(name)}: expected ${JSON.stringify(prompt)}, core says ${JSON.stringify(normalized)}`,
      );
    }
    validatePrompt({ prompt });
    const bytes = promptBytes({ prompt });
    if (bytes.length > PROMPT_MAX_BYTES)
      throw new Error(`case ${JSON.stringify(name)} is too long`);
    return {
      name,
      input,
      prompt,
      bytes: bytesToHex(bytes),
      tokenId: numberToHex(promptTokenId({ prompt }), { size: 32 }),
      instances: promptInstances({ prompt, inputScale: INPUT_SCALE }).map(Number),
    };
  });
  const invalid = invalidSpecs().map(({ name, input, code, position }): InvalidPromptVector => {
    const error = expectError(() => normalizePrompt({ input }), name, code, position);
    const normalized = error.prompt!;
    const char = error.char ?? null;
    if (code === "PROMPT_INVALID_CHARACTER" && char !== Array.from(normalized)[position]) {
      throw new Error(
        `case ${JSON.stringify(name)}: error char is not the character at its position`,
      );
    }
    return { name, input, normalized, code, position, char, codePoint: error.codePoint ?? null };
  });
  const invalidBytes = invalidBytesSpecs().map(
    ({ name, bytes, code, position }): InvalidPromptBytesVector => {
      expectError(() => promptFromBytes({ bytes }), name, code, position);
      return { name, bytes: bytesToHex(bytes), code, position };
    },
  );
  assertUniqueNames(valid);
  assertUniqueNames(invalid);
  assertUniqueNames(invalidBytes);
  return {
    _generated:
      "Generated by test/vectors/generate.mjs from packages/core; do not edit. Schema: test/vectors/README.md",
    rules: {
      maxBytes: PROMPT_MAX_BYTES,
      allowedCharacters: PROMPT_ALLOWED_CHARACTERS,
      promptInstanceCount: PROMPT_INSTANCE_COUNT,
      publicInstanceCount: PUBLIC_INSTANCE_COUNT,
      inputScale: INPUT_SCALE,
    },
    valid,
    invalid,
    invalidBytes,
  };
}
