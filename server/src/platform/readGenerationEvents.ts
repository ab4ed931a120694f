/** One server-sent event of a generation's stream, as the server sends it. */
export type GenerationStreamEvent = {
  id: number;
  type: string;
  data: Record<string, unknown>;
  /** When this client received it (performance.now()). */
  receivedAt: number;
};

/**
 * Reads a generation's event stream (`GET /api/generations/:id/events`), resuming after
 * `after` (sent as Last-Event-ID), until the server ends it or `until` returns true.
 *
 * @example
 * const events = await readGenerationEvents({ url, id, until: (event) => event.type === "ready" });
 */
export async function readGenerationEvents({
  url,
  id,
  after,
  until,
}: {
  url: string;
  id: string;
  after?: number;
  until?: (event: GenerationStreamEvent) => boolean;
}): Promise<GenerationStreamEvent[]> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/generations/${id}/events`, {
    headers: after === undefined ? {} : { "Last-Event-ID": String(after) },
    signal: controller.signal,
  });
  if (!response.ok || !response.headers.get("content-type")?.includes("text/event-stream")) {
    throw new Error(`GET /api/generations/${id}/events answered ${response.status}`);
  }
  const events: GenerationStreamEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body!.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split("\n")
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        const data = field("data");
        if (data === undefined) continue;
        const parsed = JSON.parse(data) as { data: Record<string, unknown> };
        const event = {
          id: Number(field("id")),
          type: field("event") ?? "message",
          data: parsed.data,
          receivedAt: performance.now(),
        };
        events.push(event);
        if (until?.(event)) {
          controller.abort();
          return events;
        }
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return events;
}
