import { EventEmitter } from "node:events";
import type { JobEvent } from "../db/schema.ts";

/**
 * In-process fan-out of job events after they are committed to the database, for the SSE
 * streams. The database stays the source of truth: a stream replays from it, then follows here.
 */
export class JobEventBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  publish(event: JobEvent): void {
    this.#emitter.emit(event.jobId, event);
  }

  /** Calls `listener` for each new event of the job; returns the unsubscribe function. */
  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
    this.#emitter.on(jobId, listener);
    return () => this.#emitter.off(jobId, listener);
  }
}
