import { bytesToHex, type Hex } from "viem";
import { InvalidHexError } from "../errors/encoding.ts";
import { assertCanonicalPrompt } from "./assertCanonicalPrompt.ts";

const HEX_BYTES = /^0x(?:[0-9a-fA-F]{2})*$/;

export type PromptFromBytesParameters = {
  /** Raw prompt bytes, e.g. a `bytes prompt` read from the chain. Never normalised. */
  bytes: Uint8Array | Hex;
};

/**
 * Decodes raw prompt bytes, checking them byte by byte exactly as the contract does.
 *
 * @returns the canonical prompt as a string.
 * @throws {PromptError} naming the first violation; `position` counts bytes.
 * @throws {InvalidHexError} when `bytes` is a malformed hex string.
 * @example
 * promptFromBytes({ bytes: "0x6120666f78" }) // "a fox"
 * promptFromBytes({ bytes: "0x41" }) // throws PromptInvalidCharacterError: character 'A' (U+0041) at position 0 ...
 */
export function promptFromBytes({ bytes }: PromptFromBytesParameters): string {
  let values: Uint8Array;
  if (typeof bytes === "string") {
    if (!HEX_BYTES.test(bytes)) {
      throw new InvalidHexError({
        name: "prompt bytes",
        expected: "0x-prefixed hex with an even number of digits",
        value: bytes,
      });
    }
    values = Uint8Array.from(bytes.slice(2).match(/../g) ?? [], (pair) => parseInt(pair, 16));
  } else {
    values = bytes;
  }
  const hex = typeof bytes === "string" ? (bytes.toLowerCase() as Hex) : bytesToHex(bytes);
  assertCanonicalPrompt({ values, subject: { bytes: hex } });
  return String.fromCharCode(...values);
}
