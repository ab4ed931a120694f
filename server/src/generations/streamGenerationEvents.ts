import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppEnv } from "../http/appEnv.ts";
import { eventView, generationStatus } from "./generationView.ts";

const HEARTBEAT_MS = 15_000;
/** How often the database is read for events other processes committed. */
const POLL_MS = 500;

/**
 * Streams a job's events as server-sent events, `id` being the event's id, read from the database
 * in id order after `afterId` (the client's Last-Event-ID), then after the last one sent. This
 * process's bus wakes the stream at once for events committed here; events committed by other
 * processes (prover workers, `npm run prover`) are found by reading every `POLL_MS`. Subscribing
 * before reading, and reading only after the last id sent, loses and repeats nothing. The stream
 * ends once the job is minted or failed.
 */
export function streamGenerationEvents(
  c: Context<AppEnv>,
  { jobId, afterId }: { jobId: string; afterId: number },
) {
  const { jobs, bus } = c.var.services;
  return streamSSE(c, async (stream) => {
    let lastId = afterId;
    let woken: boolean;
    let wake: (() => void) | undefined;
    const unsubscribe = bus.subscribe(jobId, () => {
      woken = true;
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    const sendNew = async () => {
      for (const event of await jobs.events(jobId, lastId)) {
        lastId = event.id;
        const view = eventView(event);
        await stream.writeSSE({
          id: String(event.id),
          event: event.type,
          data: JSON.stringify(view),
        });
      }
    };
    const finished = async () => {
      const job = await jobs.get(jobId);
      return job === undefined || ["minted", "failed"].includes(generationStatus(job));
    };
    let quietSince = Date.now();
    try {
      for (;;) {
        woken = false;
        const before = lastId;
        // Finished is read before the events, so the events that finished it are sent.
        const done = await finished();
        await sendNew();
        if (stream.aborted || done) break;
        if (lastId !== before) quietSince = Date.now();
        if (!woken) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, POLL_MS).unref();
          });
          wake = undefined;
        }
        if (!stream.aborted && Date.now() - quietSince >= HEARTBEAT_MS) {
          await stream.write(": keep-alive\n\n");
          quietSince = Date.now();
        }
      }
    } finally {
      unsubscribe();
    }
  });
}
