import { fetchGenerationEvents, type GenerationEvent } from "@proofmint/sdk";

/** One event of a generation's stream, with when this client received it. */
export type GenerationStreamEvent = GenerationEvent & {
  /** When this client received it (performance.now()). */
  receivedAt: number;
};

/**
 * Reads a generation's event stream (`GET /api/generations/:id/events`), resuming after
 * `after` (sent as Last-Event-ID), until the server ends it or `until` returns true; aborting
 * `signal` closes the connection (the read then rejects).
 *
 * @example
 * const events = await readGenerationEvents({ url, id, until: (event) => event.type === "ready" });
 */
export async function readGenerationEvents({
  url,
  id,
  after,
  until,
  signal,
}: {
  url: string;
  id: string;
  after?: number;
  until?: (event: GenerationStreamEvent) => boolean;
  signal?: AbortSignal;
}): Promise<GenerationStreamEvent[]> {
  const events: GenerationStreamEvent[] = [];
  const fetchImpl: typeof fetch =
    signal === undefined
      ? fetch
      : (input, init) =>
          fetch(input, {
            ...init,
            signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
          });
  for await (const event of fetchGenerationEvents({ server: url, id, after, fetch: fetchImpl })) {
    const received = { ...event, receivedAt: performance.now() };
    events.push(received);
    if (until?.(received)) break;
  }
  return events;
}
