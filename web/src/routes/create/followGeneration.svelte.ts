// A generation's live state: the snapshot from GET /api/generations/:id, then its server-sent
// events (EventSource resends Last-Event-ID when it reconnects, so nothing is missed).
import { GENERATION_EVENT_TYPES, GENERATION_STAGES } from "@proofmint/core";
import { api, type Generation, type GenerationEvent } from "../../lib/api.ts";

/** The stages the page shows: the generation's, up to `ready` (minting has its own panel). */
export const PIPELINE = GENERATION_STAGES.slice(0, GENERATION_STAGES.indexOf("ready") + 1);

export type StageView = {
  stage: string;
  state: "waiting" | "running" | "done" | "failed";
  /** Measured by the server for a completed stage; elapsed so far for a running one. */
  ms: number | undefined;
  startedAt: number | undefined;
};

export class GenerationFollower {
  generation = $state<Generation | undefined>();
  events = $state<GenerationEvent[]>([]);
  error = $state<string | undefined>();
  #source: EventSource | undefined;

  readonly status = $derived.by(() => {
    const types = this.events.map((event) => event.type);
    if (types.includes("minted")) return "minted";
    if (types.includes("failed")) return "failed";
    if (types.includes("ready")) return "ready";
    return this.generation?.status ?? "queued";
  });

  readonly failure = $derived.by(() => {
    const failed = this.events.findLast((event) => event.type === "failed");
    if (failed === undefined) return this.generation?.error ?? undefined;
    return {
      code: String(failed.data.code ?? "FAILED"),
      message: String(failed.data.message ?? ""),
    };
  });

  readonly imageCid = $derived.by(() => {
    const ready = this.events.find((event) => event.type === "ready");
    return (ready?.data.imageCid as string | undefined) ?? this.generation?.image?.cid;
  });

  /**
   * The image as soon as the server rendered it (GET /api/generations/:id/preview.png, served
   * from the job's files while the proof runs), then its stored copy on IPFS.
   */
  readonly imageUrl = $derived.by(() => {
    if (this.imageCid !== undefined) return `/ipfs/${this.imageCid}`;
    return this.#done("render") ? `/api/generations/${this.id}/preview.png` : undefined;
  });

  /** The server checked the proof of the image (the verify stage completed). */
  readonly proven = $derived(this.imageCid !== undefined || this.#done("verify"));

  #done(stage: string): boolean {
    const done = this.stages.find((view) => view.stage === stage);
    return done?.state === "done";
  }

  readonly stages = $derived.by((): StageView[] => {
    const done: Record<string, number | undefined> = {};
    const started: Record<string, number> = {};
    for (const event of this.events) {
      const stage = String(event.data.stage ?? "");
      if (event.type === "progress") started[stage] = Date.parse(event.at);
      if (event.type === "stage") done[stage] = event.data.ms as number | undefined;
    }
    const lastDone = PIPELINE.findLastIndex((stage) => stage in done);
    const failed = this.events.some((event) => event.type === "failed");
    return PIPELINE.map((stage, index) => {
      const finished = stage in done || index <= lastDone;
      const startedAt = started[stage];
      return {
        stage,
        state: finished
          ? "done"
          : startedAt === undefined
            ? "waiting"
            : failed
              ? "failed"
              : "running",
        ms: done[stage],
        startedAt,
      };
    });
  });

  constructor(readonly id: string) {}

  #add(event: GenerationEvent): void {
    if (this.events.some((known) => known.id === event.id)) return;
    this.events.push(event);
    if (event.type === "minted" || event.type === "failed") this.stop();
  }

  async start(): Promise<void> {
    try {
      const generation = await api.generation({ id: this.id });
      this.generation = generation;
      for (const event of generation.events) this.#add(event);
      if (generation.status === "minted" || generation.status === "failed") return;
      const after = this.events.at(-1)?.id;
      const source = new EventSource(
        `/api/generations/${this.id}/events${after === undefined ? "" : `?after=${after}`}`,
      );
      this.#source = source;
      for (const type of GENERATION_EVENT_TYPES) {
        source.addEventListener(type, (message) => {
          this.#add(JSON.parse((message as MessageEvent<string>).data) as GenerationEvent);
        });
      }
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Re-reads the snapshot (after a mint, for its transactions). */
  async refresh(): Promise<void> {
    this.generation = await api.generation({ id: this.id });
    for (const event of this.generation.events) this.#add(event);
  }

  stop(): void {
    this.#source?.close();
    this.#source = undefined;
  }
}
