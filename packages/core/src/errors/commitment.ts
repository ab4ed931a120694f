import { ProofmintError } from "./ProofmintError.ts";

export type CommitmentErrorCode =
  "COMMITMENT_BASIS_INVALID" | "COMMITMENT_POINT_INVALID" | "COMMITMENT_OUTPUT_INVALID";

/**
 * An output commitment, its basis or a proof's commitment cannot be read: a basis of the wrong
 * size, a point off the BN254 curve, the identity, or an output that does not fit the basis.
 */
export class CommitmentError extends ProofmintError {
  override name = "CommitmentError";

  constructor(
    shortMessage: string,
    { code, details }: { code: CommitmentErrorCode; details?: string | undefined },
  ) {
    super(shortMessage, { code, details });
  }
}
