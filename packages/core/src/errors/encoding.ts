import { ProofmintError } from "./ProofmintError.ts";

export type InvalidHexErrorParameters = {
  /** What the value is, for the message, e.g. "prompt bytes". */
  name: string;
  /** What a well-formed value looks like, e.g. "0x-prefixed hex with an even number of digits". */
  expected: string;
  value: string;
};

/** A hex string is malformed: wrong prefix, length or digit. */
export class InvalidHexError extends ProofmintError {
  override name = "InvalidHexError";
  readonly value: string;

  constructor({ name, expected, value }: InvalidHexErrorParameters) {
    super(`${name} is not ${expected}`, {
      code: "HEX_INVALID",
      details: `value: ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value)}`,
    });
    this.value = value;
  }
}
