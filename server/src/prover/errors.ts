import { ServerError } from "../errors.ts";

/** Raised when the circuit artifacts are missing, inconsistent or unreadable. */
export class CircuitArtifactsError extends ServerError {
  override name = "CircuitArtifactsError";
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { code: "CIRCUIT_ARTIFACTS", details, cause });
  }
}

/** Raised when the witness cannot be computed for a prompt. */
export class WitnessError extends ServerError {
  override name = "WitnessError";
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { code: "WITNESS_FAILED", details, cause });
  }
}

/** Raised when the native prover fails, dies or produces a proof that does not verify. */
export class ProvingError extends ServerError {
  override name = "ProvingError";
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { code: "PROVING_FAILED", details, cause });
  }
}
