import { CommitmentError } from "../errors/commitment.ts";
import { G1_POINT_BYTES, g1FromBytes, type G1Point } from "./g1.ts";

/** The points that recompute an output commitment (circuits/README.md, "Output commitment"). */
export type OutputBasis = {
  /** L_0..L_{N-1}: the Lagrange points of the output rows, one per output value. */
  points: readonly G1Point[];
  /** B: the sum of the Lagrange points of the column's unusable last rows, which hold 1. */
  blind: G1Point;
};

/**
 * Reads `output_basis.bin` as the circuit build writes it: N + 1 uncompressed points (x || y,
 * 32-byte big-endian each), L_0..L_{N-1} then B. Every point is checked to be on the curve; the
 * model id binds the file's SHA-256, which the caller checks.
 *
 * @throws {CommitmentError} when the file is not N + 1 points for the expected N, or a point is
 * not on the curve.
 * @example
 * parseOutputBasis({ bytes, count: 768 }).points.length // 768
 */
export function parseOutputBasis({
  bytes,
  count,
}: {
  bytes: Uint8Array;
  /** The number of output values (height * width * 3). */
  count: number;
}): OutputBasis {
  if (bytes.length !== (count + 1) * G1_POINT_BYTES) {
    throw new CommitmentError(
      `the output basis has ${bytes.length} bytes; ${count} outputs need ${(count + 1) * G1_POINT_BYTES}`,
      { code: "COMMITMENT_BASIS_INVALID" },
    );
  }
  const points: G1Point[] = [];
  for (let offset = 0; offset < bytes.length; offset += G1_POINT_BYTES) {
    points.push(g1FromBytes({ bytes: bytes.subarray(offset, offset + G1_POINT_BYTES) }));
  }
  const blind = points.pop()!;
  return { points, blind };
}
