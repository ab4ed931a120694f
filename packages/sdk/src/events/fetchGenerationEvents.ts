import { ServerApiError } from "../errors/errors.ts";
import { parseGenerationEvents, type GenerationEvent } from "./parseGenerationEvents.ts";

export type FetchGenerationEventsParameters = {
  /** The server's origin, e.g. `http://127.0.0.1:8787`. */
  server: string;
  /** The generation's id. */
  id: string;
  /** The id of the last event already seen (sent as `Last-Event-ID`): only later ones follow. */
  after?: number | undefined;
  fetch?: typeof globalThis.fetch;
};

/**
 * Opens a generation's event stream (`GET /api/generations/:id/events`) and yields its events
 * until the server ends it (once the generation is minted or failed). Stopping early (a `break`)
 * closes the connection.
 *
 * @throws {ServerApiError} `SERVER_UNREACHABLE` when the server cannot be reached;
 * `SERVER_FAILED` when it answers with anything but an event stream, or sends a malformed event.
 * @example
 * for await (const event of fetchGenerationEvents({ server, id })) {
 *   if (event.type === "ready") break;
 * }
 */
export async function* fetchGenerationEvents({
  server,
  id,
  after,
  fetch = globalThis.fetch,
}: FetchGenerationEventsParameters): AsyncGenerator<GenerationEvent, void, undefined> {
  const controller = new AbortController();
  let response: Response;
  try {
    response = await fetch(`${server}/api/generations/${encodeURIComponent(id)}/events`, {
      headers: after === undefined ? {} : { "Last-Event-ID": String(after) },
      signal: controller.signal,
    });
  } catch (cause) {
    throw new ServerApiError(`cannot reach ${server}`, { code: "SERVER_UNREACHABLE", cause });
  }
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || response.body === null || !type.includes("text/event-stream")) {
    await response.body?.cancel().catch(() => {});
    throw new ServerApiError(`the event stream of generation ${id} answered ${response.status}`, {
      code: "SERVER_FAILED",
      status: response.status,
    });
  }
  try {
    yield* parseGenerationEvents({ body: response.body });
  } finally {
    controller.abort();
  }
}
