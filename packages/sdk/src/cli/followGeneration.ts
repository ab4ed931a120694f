import { ServerApiError } from "../errors/errors.ts";

/** One progress event of a generation, as the server's event stream sends it. */
export type GenerationEvent = { id: number; type: string; data: Record<string, unknown> };

/**
 * Reads `GET /api/generations/:id/events` (server-sent events), calling `onEvent` for each, until
 * `done` says so or the server ends the stream. Reconnects after a dropped connection with
 * `Last-Event-ID`, so no event is missed or repeated.
 *
 * @throws {ServerApiError} when the stream cannot be opened.
 */
export async function followGeneration({
  server,
  id,
  onEvent,
  done,
  fetch = globalThis.fetch,
}: {
  server: string;
  id: string;
  onEvent: (event: GenerationEvent) => void;
  done: (event: GenerationEvent) => boolean;
  fetch?: typeof globalThis.fetch;
}): Promise<GenerationEvent | undefined> {
  let lastId: number | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const controller = new AbortController();
    let response: Response;
    try {
      response = await fetch(`${server}/api/generations/${id}/events`, {
        headers: lastId === undefined ? {} : { "Last-Event-ID": String(lastId) },
        signal: controller.signal,
      });
    } catch (cause) {
      throw new ServerApiError(`cannot reach ${server}`, { code: "SERVER_UNREACHABLE", cause });
    }
    if (!response.ok || response.body === null) {
      throw new ServerApiError(`the event stream of generation ${id} answered ${response.status}`, {
        code: "SERVER_FAILED",
        status: response.status,
      });
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += read.value;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const fields = new Map(
            buffer
              .slice(0, end)
              .split("\n")
              .map((line) => [
                line.slice(0, line.indexOf(":")),
                line.slice(line.indexOf(":") + 1).trim(),
              ]),
          );
          buffer = buffer.slice(end + 2);
          const data = fields.get("data");
          if (data === undefined) continue;
          const event = {
            id: Number(fields.get("id")),
            type: fields.get("event") ?? "message",
            data: (JSON.parse(data) as { data?: Record<string, unknown> }).data ?? {},
          };
          lastId = event.id;
          onEvent(event);
          if (done(event)) {
            controller.abort();
            return event;
          }
        }
      }
      return undefined;
    } catch {
      // A dropped connection: reconnect after the last event seen.
    }
  }
  throw new ServerApiError(`the event stream of generation ${id} kept dropping`, {
    code: "SERVER_FAILED",
  });
}
