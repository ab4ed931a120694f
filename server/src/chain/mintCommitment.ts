import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

/**
 * The commitment a mint reveals: `keccak256(abi.encode(tokenId, to, salt))`, as the collection's
 * `computeCommitment` computes it. Computed locally: sending the prompt to a node would reveal it.
 */
export function mintCommitment({
  tokenId,
  to,
  salt,
}: {
  tokenId: bigint;
  to: Address;
  salt: Hex;
}): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "bytes32" }],
      [tokenId, to, salt],
    ),
  );
}
