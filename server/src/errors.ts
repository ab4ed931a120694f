/**
 * The base of every error the server raises: a short message, structured details for logs and API
 * responses, and the lower-level `cause` it wraps (never swallowed).
 */
export class ServerError extends Error {
  override name = "ServerError";
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(
    message: string,
    options: { code: string; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.details = options.details ?? {};
  }
}

/** A request names a resource that does not exist. */
export class NotFoundError extends ServerError {
  override name = "NotFoundError";
  constructor(what: "generation" | "token" | "route", id: string) {
    super(`no ${what} ${id}`, { code: `${what.toUpperCase()}_NOT_FOUND`, details: { id } });
  }
}

/** A request is well-formed but conflicts with the state of the resource. */
export class ConflictError extends ServerError {
  override name = "ConflictError";
  constructor(message: string, code: string, details: Record<string, unknown> = {}) {
    super(message, { code, details });
  }
}

/** Too much work is queued; the client should retry after `retryAfterSeconds`. */
export class QueueFullError extends ServerError {
  override name = "QueueFullError";
  readonly retryAfterSeconds: number;
  constructor({ pending, retryAfterSeconds }: { pending: number; retryAfterSeconds: number }) {
    super(`the generation queue is full (${pending} jobs); retry in ${retryAfterSeconds} s`, {
      code: "QUEUE_FULL",
      details: { pending, retryAfterSeconds },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The server is configured without a feature the request needs (e.g. a relayer key). */
export class UnavailableError extends ServerError {
  override name = "UnavailableError";
  constructor(message: string, code: string) {
    super(message, { code });
  }
}
