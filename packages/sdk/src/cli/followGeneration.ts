import { ServerApiError } from "../errors/errors.ts";
import { fetchGenerationEvents } from "../events/fetchGenerationEvents.ts";
import type { GenerationEvent } from "../events/parseGenerationEvents.ts";

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
    try {
      for await (const event of fetchGenerationEvents({ server, id, after: lastId, fetch })) {
        lastId = event.id;
        onEvent(event);
        if (done(event)) return event;
      }
      return undefined;
    } catch (error) {
      // The server refused or sent garbage: say so. Anything else is a dropped connection:
      // reconnect after the last event seen.
      if (error instanceof ServerApiError) throw error;
    }
  }
  throw new ServerApiError(`the event stream of generation ${id} kept dropping`, {
    code: "SERVER_FAILED",
  });
}
