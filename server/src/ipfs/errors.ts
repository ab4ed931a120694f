import { ServerError } from "../errors.ts";

/** A string that is not a CID. */
export class InvalidCidError extends ServerError {
  override name = "InvalidCidError";
  constructor(value: string, cause?: unknown) {
    super(`"${value.slice(0, 120)}" is not a CID`, {
      code: "INVALID_CID",
      details: { value },
      cause,
    });
  }
}

/** The store does not hold this content. */
export class ContentNotFoundError extends ServerError {
  override name = "ContentNotFoundError";
  constructor(cid: string) {
    super(`no content for ${cid} on this node`, { code: "CONTENT_NOT_FOUND", details: { cid } });
  }
}

/** The content store failed: disk, or the Kubo node. */
export class ContentStoreError extends ServerError {
  override name = "ContentStoreError";
  constructor(message: string, details: Record<string, unknown>, cause?: unknown) {
    super(message, { code: "CONTENT_STORE_FAILED", details, cause });
  }
}

/**
 * The Kubo node does not answer (refused, reset, timed out): the content is not lost, the node is
 * away. Jobs wait for it without using up their attempts.
 */
export class ContentStoreUnavailableError extends ServerError {
  override name = "ContentStoreUnavailableError";
  constructor(message: string, details: Record<string, unknown>, cause?: unknown) {
    super(message, { code: "CONTENT_STORE_UNAVAILABLE", details, cause });
  }
}
