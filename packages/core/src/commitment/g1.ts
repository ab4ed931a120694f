import { bn254 } from "@noble/curves/bn254";
import { bytesToBigInt } from "viem";
import { CommitmentError } from "../errors/commitment.ts";

/** A BN254 G1 point (noble's projective form). */
export type G1Point = InstanceType<typeof bn254.G1.ProjectivePoint>;

export const G1 = bn254.G1.ProjectivePoint;

/** Bytes in an uncompressed point: x then y, 32-byte big-endian integers. */
export const G1_POINT_BYTES = 64;

/**
 * Reads `x || y` (32-byte big-endian integers each) as a G1 point; (0, 0) is the identity.
 *
 * @throws {CommitmentError} when a coordinate is not below the base field modulus or the point is
 * not on the curve.
 */
export function g1FromBytes({ bytes }: { bytes: Uint8Array }): G1Point {
  if (bytes.length !== G1_POINT_BYTES) {
    throw new CommitmentError(`a G1 point is ${G1_POINT_BYTES} bytes, got ${bytes.length}`, {
      code: "COMMITMENT_POINT_INVALID",
    });
  }
  const x = bytesToBigInt(bytes.subarray(0, 32));
  const y = bytesToBigInt(bytes.subarray(32, 64));
  if (x === 0n && y === 0n) return G1.ZERO;
  try {
    const point = G1.fromAffine({ x, y });
    point.assertValidity();
    return point;
  } catch (cause) {
    throw new CommitmentError("the point is not on the BN254 curve", {
      code: "COMMITMENT_POINT_INVALID",
      details: `x: ${x}, y: ${y}, ${String(cause)}`,
    });
  }
}
