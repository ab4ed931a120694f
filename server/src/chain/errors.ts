import { ServerError } from "../errors.ts";

/** The chain cannot be reached, or it does not hold what the configuration says. */
export class ChainError extends ServerError {
  override name = "ChainError";
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { code: "CHAIN_UNAVAILABLE", details, cause });
  }
}

/** A transaction the relayer sent was reverted or never confirmed. */
export class MintError extends ServerError {
  override name = "MintError";
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { code: "MINT_FAILED", details, cause });
  }
}
