import { OpenAPIHono } from "@hono/zod-openapi";
import type { Logger } from "../logger.ts";
import type { Services } from "../services.ts";
import { ServerError } from "../errors.ts";

/** What every handler finds on the context: the services and a logger tagged with the request id. */
export type AppEnv = {
  Variables: { services: Services; logger: Logger; requestId: string };
};

/** Raised when a request fails validation at the door; the message names the field. */
export class InvalidRequestError extends ServerError {
  override name = "InvalidRequestError";
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { code: "INVALID_REQUEST", details });
  }
}

/**
 * A router whose zod validation failures become `INVALID_REQUEST` errors, answered by the app's
 * single `onError` like every other error.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue?.path.join(".") || result.target;
      throw new InvalidRequestError(`${result.target} ${field}: ${issue?.message ?? "invalid"}`, {
        target: result.target,
        issues: result.error.issues.map(({ path, message }) => ({ path: path.join("."), message })),
      });
    },
  });
}
