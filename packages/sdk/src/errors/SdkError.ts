export type SdkErrorOptions = {
  /** Stable machine-readable identifier, e.g. `GATEWAY_FAILED`. */
  code: string;
  /** Lower-level failure this error wraps. */
  cause?: unknown;
  /** Extra context, appended to `message` after the short message. */
  details?: string | undefined;
};

/**
 * Base class of every error thrown by `@proofmint/sdk`. `shortMessage` is one sentence for people,
 * `code` is what programs branch on, `details` and `cause` keep the lower-level context.
 */
export class SdkError extends Error {
  override name = "SdkError";
  readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, { code, cause, details }: SdkErrorOptions) {
    super(
      details === undefined ? shortMessage : `${shortMessage}\n\nDetails: ${details}`,
      cause === undefined ? undefined : { cause },
    );
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = details;
  }
}
