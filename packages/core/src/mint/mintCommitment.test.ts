import { readFileSync } from "node:fs";
import { encodePacked, keccak256, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import {
  mintCommitmentVectors,
  type MintCommitmentVectors,
} from "../../../../test/vectors/mintCommitmentVectors.ts";
import { promptTokenId } from "../prompt/promptTokenId.ts";
import { mintCommitment } from "./mintCommitment.ts";

const vectors = JSON.parse(
  readFileSync(new URL("../../../../test/vectors/mint-commitments.json", import.meta.url), "utf8"),
) as MintCommitmentVectors;

describe("mintCommitment", () => {
  it("gives the commitments of mint-commitments.json, which the contract is held to", () => {
    expect(vectors.cases.length).toBeGreaterThanOrEqual(4);
    for (const { prompt, tokenId, to, salt, commitment } of vectors.cases) {
      expect(promptTokenId({ prompt }).toString()).toBe(tokenId);
      expect(mintCommitment({ tokenId: BigInt(tokenId), to, salt })).toBe(commitment);
    }
  });

  it("matches a fresh derivation of the committed file", () => {
    expect(mintCommitmentVectors()).toStrictEqual(vectors);
  });

  it("is abi.encode (32-byte words), not encodePacked, and binds recipient and salt", () => {
    const tokenId = 7n;
    const to: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const salt: Hex = `0x${"11".repeat(32)}`;
    const commitment = mintCommitment({ tokenId, to, salt });
    expect(commitment).not.toBe(
      keccak256(encodePacked(["uint256", "address", "bytes32"], [tokenId, to, salt])),
    );
    expect(
      mintCommitment({ tokenId, to: "0x0000000000000000000000000000000000000001", salt }),
    ).not.toBe(commitment);
    expect(mintCommitment({ tokenId, to, salt: `0x${"12".repeat(32)}` })).not.toBe(commitment);
  });
});
