import { numberToHex, type Hex } from "viem";
import { CommitmentError } from "../errors/commitment.ts";
import { G1, type G1Point } from "./g1.ts";

/**
 * aigcData of an output commitment: the point compressed to 32 bytes, `x | (y mod 2) << 255`,
 * big-endian (circuits/README.md, "Output commitment"). x is below the base field modulus, under
 * 2^254, so bit 255 is free. The contract computes the same from the proof's first point.
 *
 * @throws {CommitmentError} for the identity, which commits to nothing.
 * @example
 * compressCommitment({ point: G1.BASE }) // "0x0000…0001" (x = 1, y = 2 is even)
 */
export function compressCommitment({ point }: { point: G1Point }): Hex {
  if (point.equals(G1.ZERO)) {
    throw new CommitmentError("the identity point is not an output commitment", {
      code: "COMMITMENT_POINT_INVALID",
    });
  }
  const { x, y } = point.toAffine();
  return numberToHex(x | ((y & 1n) << 255n), { size: 32 });
}
