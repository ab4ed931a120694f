import { proofmintCollectionAbi } from "@proofmint/core";
import { ContractFunctionExecutionError } from "viem";
import type { Chain } from "./chain.ts";
import { ChainError } from "./errors.ts";

/**
 * Whether the collection holds a token for this token id, at the head or at `blockNumber`.
 * `ownerOf` reverts for a token that does not exist; any other failure is the chain's and is
 * raised.
 */
export async function isTokenMinted({
  chain,
  tokenId,
  blockNumber,
}: {
  chain: Pick<Chain, "client" | "collection">;
  tokenId: bigint;
  blockNumber?: bigint;
}): Promise<boolean> {
  try {
    await chain.client.readContract({
      address: chain.collection,
      abi: proofmintCollectionAbi,
      functionName: "ownerOf",
      args: [tokenId],
      blockNumber,
    });
    return true;
  } catch (error) {
    if (error instanceof ContractFunctionExecutionError) return false;
    throw new ChainError("cannot ask the collection whether the prompt is minted", {}, error);
  }
}
