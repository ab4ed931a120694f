import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { JobEvent } from "../db/schema.ts";
import type { AppEnv } from "../http/appEnv.ts";
import { eventView, generationStatus } from "./generationView.ts";

const HEARTBEAT_MS = 15_000;

/**
 * Streams a job's events as server-sent events, `id` being the event's id: first those after
 * `afterId` (the client's Last-Event-ID) from the database, then new ones as they are committed.
 * Subscribing before replaying, and skipping ids already sent, loses and repeats nothing. The
 * stream ends once the job is minted or failed.
 */
export function streamGenerationEvents(
  c: Context<AppEnv>,
  { jobId, afterId }: { jobId: string; afterId: number },
) {
  const { jobs, bus } = c.var.services;
  return streamSSE(c, async (stream) => {
    let lastId = afterId;
    const pending: JobEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = bus.subscribe(jobId, (event) => {
      pending.push(event);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    const send = async (event: JobEvent) => {
      if (event.id <= lastId) return;
      lastId = event.id;
      const view = eventView(event);
      await stream.writeSSE({
        id: String(event.id),
        event: event.type,
        data: JSON.stringify(view),
      });
    };
    const finished = async () => {
      const job = await jobs.get(jobId);
      return job === undefined || ["minted", "failed"].includes(generationStatus(job));
    };
    try {
      for (const event of await jobs.events(jobId, afterId)) await send(event);
      while (!stream.aborted && !(pending.length === 0 && (await finished()))) {
        if (pending.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, HEARTBEAT_MS).unref();
          });
          wake = undefined;
          if (pending.length === 0 && !stream.aborted) await stream.write(": keep-alive\n\n");
        }
        for (const event of pending.splice(0)) await send(event);
      }
    } finally {
      unsubscribe();
    }
  });
}
