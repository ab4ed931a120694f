import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

export type MintCommitmentParameters = {
  /** `uint256(keccak256(prompt))`: the token the mint is for. */
  tokenId: bigint;
  /** The recipient the mint is bound to. */
  to: Address;
  /** 32 random bytes, kept secret until the mint reveals them. */
  salt: Hex;
};

/**
 * The commitment a mint reveals: `keccak256(abi.encode(tokenId, to, salt))`, as the collection's
 * `computeCommitment` computes it (test/vectors/mint-commitments.json holds both to it). Computed
 * locally: sending the prompt to a node would reveal it.
 *
 * @example
 * mintCommitment({ tokenId: promptTokenId({ prompt }), to, salt: generatePrivateKey() })
 */
export function mintCommitment({ tokenId, to, salt }: MintCommitmentParameters): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "bytes32" }],
      [tokenId, to, salt],
    ),
  );
}
