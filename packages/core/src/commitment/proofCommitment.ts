import { hexToBytes, type Hex } from "viem";
import { CommitmentError } from "../errors/commitment.ts";
import { compressCommitment } from "./compressCommitment.ts";
import { G1_POINT_BYTES, g1FromBytes } from "./g1.ts";

/**
 * The aigcData a proof carries: its first G1 point (bytes 0..63, the KZG commitment to ezkl's
 * polycommit output column), compressed by `compressCommitment`. What the contract compares
 * aigcData with before it asks the verifier.
 *
 * @throws {CommitmentError} when the proof is shorter than a point, or its first point is off the
 * curve or the identity.
 * @example
 * proofCommitment({ proof }) // "0x1c3f…" (32 bytes)
 */
export function proofCommitment({ proof }: { proof: Hex | Uint8Array }): Hex {
  const bytes = typeof proof === "string" ? hexToBytes(proof) : proof;
  if (bytes.length < G1_POINT_BYTES) {
    throw new CommitmentError(`a proof of ${bytes.length} bytes carries no output commitment`, {
      code: "COMMITMENT_POINT_INVALID",
    });
  }
  return compressCommitment({ point: g1FromBytes({ bytes: bytes.subarray(0, G1_POINT_BYTES) }) });
}
