import { ProofmintError } from "@proofmint/core";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "@hono/zod-openapi";
import { QueueFullError, ServerError } from "../errors.ts";

/** Every error response: a stable machine-readable `code` and a message for people. */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "PROMPT_INVALID_CHARACTER" }),
      message: z
        .string()
        .openapi({ example: "character 'é' (U+00E9) at position 3 is not allowed" }),
      details: z.record(z.string(), z.unknown()).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof ErrorResponseSchema>;

const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  INVALID_REQUEST: 400,
  MALFORMED_JSON: 400,
  INVALID_CID: 400,
  PROMPT_NOT_CANONICAL: 400,
  GENERATION_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONTENT_NOT_FOUND: 404,
  PROMPT_ALREADY_MINTED: 409,
  GENERATION_NOT_READY: 409,
  GENERATION_FAILED: 409,
  MINT_IN_PROGRESS: 409,
  BODY_TOO_LARGE: 413,
  QUEUE_FULL: 429,
  RELAYER_DISABLED: 503,
  CHAIN_UNAVAILABLE: 503,
  CONTENT_STORE_UNAVAILABLE: 503,
};

/** Fields of a core error that are safe and useful to return (never the prompt subject twice). */
function coreDetails(error: ProofmintError): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of ["position", "char", "codePoint", "length"] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) details[key] = value;
  }
  return details;
}

/**
 * Maps any error to an HTTP status and the JSON body: domain errors by their code, Hono's own
 * (malformed JSON, oversized bodies) by status, and anything unexpected to a 500 whose message
 * reveals nothing internal.
 */
export function errorResponse(error: unknown): {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  if (error instanceof QueueFullError) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (error instanceof ServerError && STATUS_BY_CODE[error.code] !== undefined) {
    const details = Object.keys(error.details).length > 0 ? { details: error.details } : {};
    return {
      status: STATUS_BY_CODE[error.code]!,
      body: { error: { code: error.code, message: error.message, ...details } },
      headers,
    };
  }
  if (error instanceof ProofmintError && error.code.startsWith("PROMPT_")) {
    return {
      status: 400,
      body: {
        error: { code: error.code, message: error.shortMessage, details: coreDetails(error) },
      },
      headers,
    };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const known: Partial<Record<number, [string, string]>> = {
      400: ["MALFORMED_JSON", "the request body is not valid JSON"],
      413: ["BODY_TOO_LARGE", "the request body is too large"],
      415: ["UNSUPPORTED_MEDIA_TYPE", "send the body as application/json"],
    };
    const [code, message] = known[status] ?? [
      `HTTP_${status}`,
      error.message || "the request failed",
    ];
    return { status, body: { error: { code, message } }, headers };
  }
  // Node's "aborted": the client closed the connection while its body was being read (found by
  // the hostile-input drill with a broken chunked body). The fault is the client's, not a 500.
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === "ECONNRESET") {
    return {
      status: 400,
      body: { error: { code: "REQUEST_ABORTED", message: "the client closed the request early" } },
      headers,
    };
  }
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "the server failed; the error has been logged" } },
    headers,
  };
}
