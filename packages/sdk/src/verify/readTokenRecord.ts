import {
  describeRevert,
  erc7007Abi,
  erc7007EnumerableAbi,
  proofmintCollectionAbi,
} from "@proofmint/core";
import {
  erc721Abi,
  keccak256,
  stringToBytes,
  type Address,
  type BlockNumber,
  type BlockTag,
  type Hex,
  type PublicClient,
} from "viem";
import { IERC7007_ENUMERABLE_INTERFACE_ID, IERC7007_INTERFACE_ID } from "../constants.ts";
import type { LinkBook } from "./linkBook.ts";

/** What the chain says about a token, read through the ERC-7007 ABI (plus ERC-721's tokenURI). */
export type TokenRecord = {
  /** The prompt from IERC7007Enumerable, when the collection implements it. */
  prompt: string | undefined;
  /** keccak256 of the prompt and of aigcData: the AigcData event's indexed topics. */
  promptHash: Hex;
  aigcDataHash: Hex;
  /** The proof bytes: the AigcData event's data. */
  proof: Hex;
  tokenUri: string | undefined;
  /** The collection's `modelId()`, when it has one (proofmint's design, not ERC-7007). */
  modelId: string | undefined;
};

/**
 * Checks the first two links (ERC-165 and the token's on-chain record) into `book` and returns
 * the record, or undefined when the later links cannot be checked.
 */
export async function readTokenRecord({
  client,
  collection,
  tokenId,
  fromBlock,
  book,
}: {
  client: PublicClient;
  collection: Address;
  tokenId: bigint;
  fromBlock: BlockNumber | BlockTag;
  book: LinkBook;
}): Promise<TokenRecord | undefined> {
  // Every read is independent of the others' answers, so all go out at once (one round trip,
  // or one HTTP request with a batching transport); the verdicts below still follow the links'
  // order. `prompt()` is read speculatively and used only if the collection is enumerable.
  const supports = (interfaceId: Hex) =>
    client.readContract({
      address: collection,
      abi: erc7007Abi,
      functionName: "supportsInterface",
      args: [interfaceId],
    });
  const reads = {
    code: settle(client.getCode({ address: collection })),
    erc7007: settle(supports(IERC7007_INTERFACE_ID)),
    enumerable: settle(supports(IERC7007_ENUMERABLE_INTERFACE_ID)),
    owner: settle(
      client.readContract({
        address: collection,
        abi: erc7007Abi,
        functionName: "ownerOf",
        args: [tokenId],
      }),
    ),
    events: settle(
      client.getContractEvents({
        address: collection,
        abi: erc7007Abi,
        eventName: "AigcData",
        args: { tokenId },
        fromBlock,
        toBlock: "latest",
      }),
    ),
    prompt: settle(
      client.readContract({
        address: collection,
        abi: erc7007EnumerableAbi,
        functionName: "prompt",
        args: [tokenId],
      }),
    ),
    tokenUri: settle(
      client.readContract({
        address: collection,
        abi: erc721Abi,
        functionName: "tokenURI",
        args: [tokenId],
      }),
    ),
    modelId: settle(
      client.readContract({
        address: collection,
        abi: proofmintCollectionAbi,
        functionName: "modelId",
      }),
    ),
  };

  const link = "erc7007-interface";
  const code = unwrap(await reads.code);
  if (code === undefined || code === "0x") {
    book.failed(
      link,
      `there is no contract at ${collection} on chain ${await client.getChainId()}`,
    );
    return undefined;
  }
  const erc7007 = await reads.erc7007;
  if (!erc7007.ok) {
    book.failed(
      link,
      `supportsInterface reverted (${describeRevert({ error: erc7007.error })}): not ERC-165`,
    );
    return undefined;
  }
  if (!erc7007.value) {
    book.failed(
      link,
      `supportsInterface(${IERC7007_INTERFACE_ID}) is false: not an ERC-7007 collection`,
    );
    return undefined;
  }
  const enumerableRead = await reads.enumerable;
  const enumerable = enumerableRead.ok && enumerableRead.value;
  book.passed(
    link,
    `supportsInterface(${IERC7007_INTERFACE_ID}) is true` +
      (enumerable ? `, and IERC7007Enumerable (${IERC7007_ENUMERABLE_INTERFACE_ID}) too` : ""),
  );

  const record = "token-record";
  const ownerRead = await reads.owner;
  if (!ownerRead.ok) {
    book.failed(
      record,
      `token ${tokenId} does not exist: ownerOf reverted with ${describeRevert({ error: ownerRead.error })}`,
    );
    return undefined;
  }
  const owner = ownerRead.value;
  const events = unwrap(await reads.events);
  const event = events.at(-1);
  if (event === undefined || event.args.prompt === undefined || event.args.aigcData === undefined) {
    book.failed(record, `token ${tokenId} exists but no AigcData event records its data`);
    return undefined;
  }
  const { prompt: promptHash, aigcData: aigcDataHash, proof = "0x" } = event.args;
  let prompt: string | undefined;
  if (enumerable) {
    prompt = unwrap(await reads.prompt);
    if (keccak256(stringToBytes(prompt)) !== promptHash) {
      book.failed(record, `prompt(${tokenId}) is "${prompt}", which is not the AigcData event's`);
      return undefined;
    }
  }
  if (BigInt(promptHash) !== tokenId) {
    book.failed(
      record,
      `token ${tokenId} is not uint256(keccak256(prompt)) of its recorded prompt`,
    );
    return undefined;
  }
  book.passed(
    record,
    `token ${tokenId} is owned by ${owner}; its AigcData event (block ${event.blockNumber}) ` +
      `records ${prompt === undefined ? "a prompt" : `the prompt "${prompt}"`} and a ` +
      `${(proof.length - 2) / 2}-byte proof`,
  );
  const tokenUriRead = await reads.tokenUri;
  const modelIdRead = await reads.modelId;
  const tokenUri = tokenUriRead.ok ? tokenUriRead.value : undefined;
  const modelId = modelIdRead.ok ? modelIdRead.value : undefined;
  return { prompt, promptHash, aigcDataHash, proof, tokenUri, modelId };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects (so reads issued together cannot go unhandled). */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** The value, or the read's error rethrown (network failures are not verdicts). */
function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}
