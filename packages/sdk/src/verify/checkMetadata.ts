import { ProofmintError, parseTokenMetadata, type TokenMetadata } from "@proofmint/core";
import { isAddressEqual, keccak256, stringToBytes, type Address } from "viem";
import { fetchIpfs } from "../ipfs/fetchIpfs.ts";
import type { LinkBook } from "./linkBook.ts";
import type { TokenRecord } from "./readTokenRecord.ts";

/**
 * Fetches the metadata at tokenURI through the gateway (CID-checked), parses it with the schema
 * of `@proofmint/core`, and checks it against the chain: prompt, aigc_data (by the AigcData
 * event's topics), collection and chain id. Sets the metadata link; returns the metadata when it
 * passed.
 */
export async function checkMetadata({
  record,
  collection,
  chainId,
  gateway,
  fetch,
  book,
}: {
  record: TokenRecord;
  collection: Address;
  chainId: number;
  gateway: string;
  fetch: typeof globalThis.fetch | undefined;
  book: LinkBook;
}): Promise<TokenMetadata | undefined> {
  const link = "metadata";
  const { tokenUri } = record;
  if (tokenUri === undefined) {
    book.unsupported(link, "the collection has no tokenURI (ERC-721 metadata)");
    return undefined;
  }
  if (!tokenUri.startsWith("ipfs://")) {
    book.unsupported(link, `tokenURI ${tokenUri} is not ipfs://: its content has no hash to check`);
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = await fetchIpfs({ gateway, uri: tokenUri, maxBytes: 1 << 20, fetch });
  } catch (error) {
    book.failed(link, `${tokenUri}: ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
  let metadata: TokenMetadata;
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { provenance?: unknown };
    if (typeof json !== "object" || json === null || json.provenance === undefined) {
      book.unsupported(link, `${tokenUri} has no provenance block: not a proofmint-design token`);
      return undefined;
    }
    metadata = parseTokenMetadata({ bytes });
  } catch (error) {
    const message = error instanceof ProofmintError ? error.shortMessage : "it is not JSON";
    book.failed(link, `${tokenUri} breaks the metadata schema: ${message}`);
    return undefined;
  }
  const { prompt, provenance } = metadata;
  if (keccak256(stringToBytes(prompt)) !== record.promptHash) {
    book.failed(
      link,
      `the metadata's prompt "${prompt}" is not the token's` +
        (record.prompt === undefined ? "" : ` ("${record.prompt}")`),
    );
    return undefined;
  }
  if (keccak256(provenance.aigc_data) !== record.aigcDataHash) {
    book.failed(
      link,
      `the metadata's aigc_data ${provenance.aigc_data} is not the aigcData of the AigcData event`,
    );
    return undefined;
  }
  if (!isAddressEqual(provenance.collection, collection) || provenance.chain_id !== chainId) {
    book.failed(
      link,
      `the metadata names collection ${provenance.collection} on chain ${provenance.chain_id}, ` +
        `not ${collection} on chain ${chainId}`,
    );
    return undefined;
  }
  book.passed(
    link,
    `${tokenUri} carries the prompt "${prompt}" and aigc_data ${provenance.aigc_data}, as recorded on chain`,
  );
  return metadata;
}
