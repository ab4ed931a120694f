import { CID } from "multiformats/cid";
import { InvalidCidError } from "./errors.ts";

/**
 * Parses a CID string (v0 base58 or v1 in any multibase the library knows).
 *
 * @throws {InvalidCidError} when `value` is not a CID.
 */
export function parseCid({ value }: { value: string }): CID {
  try {
    return CID.parse(value);
  } catch (cause) {
    throw new InvalidCidError(value, cause);
  }
}
