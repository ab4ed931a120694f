import type { ApiSchema } from "@proofmint/core";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { ServerApiError } from "../errors/errors.ts";

/** One event of a generation's progress: the server's `GenerationEvent` (its OpenAPI schema). */
export type GenerationEvent = ApiSchema<"GenerationEvent">;

function isGenerationEvent(value: unknown): value is GenerationEvent {
  const event = value as Partial<GenerationEvent> | null;
  return (
    typeof event === "object" &&
    event !== null &&
    Number.isSafeInteger(event.id) &&
    typeof event.type === "string" &&
    typeof event.data === "object" &&
    event.data !== null &&
    typeof event.at === "string"
  );
}

function generationEvent(data: string): GenerationEvent {
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    event = undefined;
  }
  if (!isGenerationEvent(event)) {
    throw new ServerApiError(`the event stream sent data that is not a generation event`, {
      code: "SERVER_FAILED",
    });
  }
  return event;
}

/**
 * The events of a generation's server-sent event stream (`GET /api/generations/:id/events`), in
 * order, as the body arrives; each message's `data` is one event as JSON. The server's
 * keep-alive comments are skipped. Stopping early (a `break`) cancels the body.
 *
 * @throws {ServerApiError} when a message is not a generation event.
 * @example
 * for await (const event of parseGenerationEvents({ body: response.body })) console.log(event.type);
 */
export async function* parseGenerationEvents({
  body,
}: {
  body: ReadableStream<Uint8Array<ArrayBuffer>>;
}): AsyncGenerator<GenerationEvent, void, undefined> {
  const reader = body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      yield generationEvent(read.value.data);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
