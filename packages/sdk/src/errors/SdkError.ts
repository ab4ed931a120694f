import { ProofmintError, type ProofmintErrorOptions } from "@proofmint/core";

/** The options of every SDK error: a stable `code` (e.g. `GATEWAY_FAILED`), `cause`, `details`. */
export type SdkErrorOptions = ProofmintErrorOptions;

/**
 * Base class of every error thrown by `@proofmint/sdk`. It is a `ProofmintError`, so one
 * `instanceof ProofmintError` catches the errors of core and SDK alike: `shortMessage` is one
 * sentence for people, `code` is what programs branch on, `details` and `cause` keep the
 * lower-level context.
 */
export class SdkError extends ProofmintError {
  override name = "SdkError";
}
