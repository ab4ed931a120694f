import { parseJsonObject } from "./jsonDocument.ts";
import { parseMetadataDocument, type TokenMetadata } from "./schema.ts";

export type ParseTokenMetadataParameters = {
  /** The document's bytes, as fetched from IPFS. */
  bytes: Uint8Array;
};

/**
 * Reads a metadata document (schema v1, `TokenMetadataSchema`) and checks every field, including
 * that the prompt is canonical and the token id is the prompt's. Unknown fields are rejected: a
 * verifier should not show data the schema does not define.
 *
 * @throws {MetadataError} naming the first field that is malformed.
 * @throws {PromptError} when the prompt is not canonical.
 * @example
 * const metadata = parseTokenMetadata({ bytes: await (await fetch(gatewayUrl)).bytes() });
 */
export function parseTokenMetadata({ bytes }: ParseTokenMetadataParameters): TokenMetadata {
  return parseMetadataDocument(parseJsonObject(bytes));
}
