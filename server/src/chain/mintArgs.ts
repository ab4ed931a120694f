import { mintCommitment, promptBytes, promptTokenId } from "@proofmint/core";
import { bytesToHex, type Address, type Hex } from "viem";
import type { Chain } from "./chain.ts";

/** Everything a wallet needs to mint a ready generation: two transactions, commit then mint. */
export type MintArgs = {
  chainId: number;
  collection: Address;
  tokenId: string;
  /** Seconds to wait after the commit is mined before sending the mint. */
  commitMinDelay: number;
  salt: Hex;
  commitment: Hex;
  commit: { functionName: "commit"; args: [Hex] };
  mint: { functionName: "mint"; args: [Address, Hex, Hex, Hex, Hex, string] };
};

/**
 * The arguments of `commit` and `mint` for a ready generation, minting to `to` with `salt`.
 *
 * @example
 * const { commit, mint } = mintArgs({ chain, prompt, aigcData, proof, tokenUri, to, salt });
 * await wallet.writeContract({ address: chain.collection, abi: proofmintCollectionAbi, ...commit });
 */
export function mintArgs({
  chain,
  prompt,
  aigcData,
  proof,
  tokenUri,
  to,
  salt,
}: {
  chain: Pick<Chain, "chainId" | "collection" | "commitMinDelay">;
  prompt: string;
  aigcData: Hex;
  proof: Hex;
  tokenUri: string;
  to: Address;
  salt: Hex;
}): MintArgs {
  const tokenId = promptTokenId({ prompt });
  const commitment = mintCommitment({ tokenId, to, salt });
  return {
    chainId: chain.chainId,
    collection: chain.collection,
    tokenId: tokenId.toString(),
    commitMinDelay: Number(chain.commitMinDelay),
    salt,
    commitment,
    commit: { functionName: "commit", args: [commitment] },
    mint: {
      functionName: "mint",
      args: [to, bytesToHex(promptBytes({ prompt })), aigcData, proof, salt, tokenUri],
    },
  };
}
