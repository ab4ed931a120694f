/**
 * Golden vectors for the mint commitment, written to `mint-commitments.json` by `generate.mjs` and
 * read by vitest and forge (the collection's `computeCommitment` must give the same bytes). Every
 * value is derived from packages/core.
 *
 * Schema of mint-commitments.json (also in README.md):
 *
 * - `_generated`: says the file is generated and by what.
 * - `cases[]`: `prompt` (canonical), `bytes` (its 0x hex), `tokenId` (decimal), `to` (a
 *   checksummed address), `salt` (32 bytes, 0x hex) and `commitment`,
 *   `keccak256(abi.encode(tokenId, to, salt))` as 0x hex.
 */
import { mintCommitment, promptBytes, promptTokenId } from "@proofmint/core";
import { bytesToHex, getAddress, keccak256, stringToBytes, type Address, type Hex } from "viem";

export type MintCommitmentVector = {
  prompt: string;
  bytes: Hex;
  tokenId: string;
  to: Address;
  salt: Hex;
  commitment: Hex;
};

export type MintCommitmentVectors = {
  _generated: string;
  cases: MintCommitmentVector[];
};

const CASES: { prompt: string; to: string; salt: Hex }[] = [
  {
    prompt: "a red fox in front of a dark blue night sky",
    to: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    salt: `0x${"00".repeat(32)}`,
  },
  {
    prompt: "a",
    to: "0x0000000000000000000000000000000000000001",
    salt: `0x${"ff".repeat(32)}`,
  },
  {
    prompt: "a big orange heart on blue",
    to: "0xffffffffffffffffffffffffffffffffffffffff",
    salt: keccak256(stringToBytes("proofmint salt")),
  },
  {
    prompt: "z".repeat(64),
    to: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
    salt: `0x${"01".padStart(64, "0")}`,
  },
];

export function mintCommitmentVectors(): MintCommitmentVectors {
  return {
    _generated: "by test/vectors/generate.mjs from packages/core; do not edit",
    cases: CASES.map(({ prompt, to, salt }) => {
      const tokenId = promptTokenId({ prompt });
      const address = getAddress(to);
      return {
        prompt,
        bytes: bytesToHex(promptBytes({ prompt })),
        tokenId: tokenId.toString(),
        to: address,
        salt,
        commitment: mintCommitment({ tokenId, to: address, salt }),
      };
    }),
  };
}
