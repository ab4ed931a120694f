import { pippenger } from "@noble/curves/abstract/curve";
import type { Hex } from "viem";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { CommitmentError } from "../errors/commitment.ts";
import { compressCommitment } from "./compressCommitment.ts";
import { G1, type G1Point } from "./g1.ts";
import type { OutputBasis } from "./outputBasis.ts";

export type OutputCommitmentParameters = {
  /** The quantized output, HWC row-major, signed integers at the output scale. */
  output: readonly bigint[];
  basis: OutputBasis;
};

/**
 * Recomputes aigcData from a raw quantized output: the KZG commitment
 * `C = sum o_i * L_i + B` of ezkl's polycommit output column, compressed. One multi-scalar
 * multiplication over the basis; a negative o_i enters as -|o_i| times its point, which equals
 * (r - |o_i|) * L_i in the field and keeps the scalars short. The bucket method runs over the
 * scalars' own bit length, not the field's: quantized pixels are about 22 bits, so 3 windows
 * instead of 29 (noble's `msm` always walks 254 bits: 490 ms against about 50 ms for 1,728 values).
 *
 * @throws {CommitmentError} when the output's length differs from the basis's or a value is not a
 * field element.
 * @example
 * outputCommitment({ output, basis: parseOutputBasis({ bytes, count: output.length }) })
 */
export function outputCommitment({ output, basis }: OutputCommitmentParameters): Hex {
  if (output.length !== basis.points.length) {
    throw new CommitmentError(
      `the output has ${output.length} values; the basis commits to ${basis.points.length}`,
      { code: "COMMITMENT_OUTPUT_INVALID" },
    );
  }
  const points: G1Point[] = [];
  const scalars: bigint[] = [];
  for (let index = 0; index < output.length; index++) {
    const value = output[index]!;
    if (value === 0n) continue;
    const magnitude = value < 0n ? -value : value;
    if (magnitude >= BN254_SCALAR_FIELD_MODULUS) {
      throw new CommitmentError(`output value ${index} is not a field element`, {
        code: "COMMITMENT_OUTPUT_INVALID",
        details: `value: ${value}`,
      });
    }
    points.push(value < 0n ? basis.points[index]!.negate() : basis.points[index]!);
    scalars.push(magnitude);
  }
  const bits = Math.max(1, ...scalars.map((scalar) => scalar.toString(2).length));
  const bound = 1n << BigInt(bits);
  const scalarsOfBits = { BITS: bits, isValid: (scalar: bigint) => scalar >= 0n && scalar < bound };
  const sum =
    points.length === 0
      ? G1.ZERO
      : (pippenger(G1, scalarsOfBits as never, points, scalars) as G1Point);
  return compressCommitment({ point: sum.add(basis.blind) });
}
