export type ProofmintErrorOptions = {
  /** Stable machine-readable identifier, e.g. `PROMPT_TOO_LONG`. */
  code: string;
  /** Lower-level failure this error wraps. */
  cause?: unknown;
  /** Extra context for logs, appended to `message` after the short message. */
  details?: string | undefined;
};

/**
 * Base class of every error thrown by `@proofmint/core`.
 *
 * `shortMessage` is one sentence for people; `code` is what programs branch on (the server maps it
 * to its JSON errors); `details` and `cause` keep the context of lower-level failures.
 */
export class ProofmintError extends Error {
  override name = "ProofmintError";
  readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, { code, cause, details }: ProofmintErrorOptions) {
    super(
      details === undefined ? shortMessage : `${shortMessage}\n\nDetails: ${details}`,
      cause === undefined ? undefined : { cause },
    );
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = details;
  }
}
