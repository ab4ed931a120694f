import { setTimeout as sleep } from "node:timers/promises";
import type { Job } from "../db/schema.ts";
import type { Logger } from "../logger.ts";
import type { JobStore, WorkKind } from "./jobStore.ts";
import { newLeaseOwner } from "./leaseOwner.ts";
import { runJob, StageFailedError, type StageParts } from "./runJob.ts";

export type JobRunnerOptions = {
  jobs: JobStore;
  parts: StageParts;
  logger: Logger;
  /** Jobs in the proving pipeline at once: the prover pool's size plus one being prepared. */
  pipelineSlots: number;
  /** Relayed mints at once. */
  mintSlots: number;
  leaseMs: number;
  maxAttempts: number;
  /** First retry delay; doubles with each failure. */
  backoffMs?: number;
  /** Retry delay while a service the job needs is away (see `WAIT_HERE_CODES`). */
  awayRetryMs?: number;
  /** How often to look for jobs nobody woke the runner for (retries whose backoff ended). */
  pollMs?: number;
};

/**
 * Failures that mean a service is away rather than that the job is at fault; the job retries every
 * `awayRetryMs` without using up its attempts. The IPFS node not answering: the process keeps the
 * job and retries it itself, since another would lack the files its stages wrote and start over.
 */
const WAIT_HERE_CODES = new Set(["CONTENT_STORE_UNAVAILABLE"]);
/**
 * This server stopped leading the fleet before a relayer transaction: the job is let go for the
 * leader to mint.
 */
const HAND_OVER_CODES = new Set(["NOT_LEADING"]);

/**
 * Claims jobs under leases and runs them, at most `pipelineSlots` proving and `mintSlots` minting
 * at once: from the job store's queue when it has one (PostgreSQL), each delivered job claimed by
 * its id; otherwise (SQLite) by looking in the `jobs` table when woken and every `pollMs`. Leases
 * are renewed while a job runs; at start, leases held by dead processes on this host are freed so
 * their jobs resume at once, and with a queue, expired leases (dead processes on any machine) are
 * freed every few seconds.
 */
export class JobRunner {
  readonly owner = newLeaseOwner();
  #options: JobRunnerOptions;
  readonly #active = new Map<string, { kind: WorkKind; done: Promise<void> }>();
  readonly #timers: NodeJS.Timeout[] = [];
  #stopping = false;
  /** The running `#claimAll`, and whether another wake came while it ran. */
  #claiming: Promise<void> | undefined;
  #wokenAgain = false;
  /** With a queue: what stops taking each kind of queued work. */
  readonly #consumers = new Map<WorkKind, Promise<() => Promise<void>>>();
  readonly #abort = new AbortController();
  /** Mean wall time of recent pipelines, for Retry-After. */
  #meanPipelineMs = 10_000;

  constructor(options: JobRunnerOptions) {
    this.#options = options;
  }

  /** Seconds until the queue has room for one more job, estimated from recent pipelines. */
  retryAfterSeconds(pending: number): number {
    const { pipelineSlots } = this.#options;
    const seconds = (this.#meanPipelineMs / 1000) * Math.max(1, pending - pipelineSlots + 1);
    return Math.max(1, Math.ceil(seconds / Math.max(1, pipelineSlots - 1)));
  }

  async start(): Promise<void> {
    const { jobs, leaseMs, logger } = this.#options;
    const released = await jobs.releaseOrphanedLeases({ self: this.owner });
    if (released > 0) logger.warn("resuming jobs of a process that stopped", { jobs: released });
    const every = (ms: number, task: () => Promise<unknown>, failure: string) =>
      this.#timers.push(
        setInterval(() => {
          task().catch((error: unknown) => logger.warn(failure, { error }));
        }, ms),
      );
    every(
      Math.max(1000, Math.floor(leaseMs / 3)),
      () => jobs.renewLeases({ owner: this.owner, ids: [...this.#active.keys()], leaseMs }),
      "could not renew leases",
    );
    if (jobs.queue === undefined) {
      every(this.#options.pollMs ?? 1000, async () => this.wake(), "could not look for jobs");
      this.wake();
      return;
    }
    // Jobs due before any process of this version ran, then every half lease: jobs whose
    // process died (its lease expired), and jobs due a lease ago that nothing queues.
    await jobs.offerStranded({ dueBefore: Date.now() });
    every(
      Math.max(1000, Math.floor(leaseMs / 2)),
      async () => {
        const freed = await jobs.releaseExpiredLeases();
        if (freed > 0) logger.warn("resuming jobs whose process stopped", { jobs: freed });
        const stranded = await jobs.offerStranded({ dueBefore: Date.now() - leaseMs });
        if (stranded > 0)
          logger.warn("queueing jobs again that nothing queued", { jobs: stranded });
      },
      "could not sweep the queue",
    );
    every(3_600_000, () => jobs.queue!.deleteSpentEntries(), "could not clean the queue");
    await this.#consume("pipeline", this.#options.pipelineSlots);
    await this.#consume("mint", this.#options.mintSlots);
  }

  /**
   * Changes how many relayed mints run at once: 0 while another server of the fleet leads (it
   * relays), the configured number while this one does. Running mints finish under their leases.
   */
  setMintSlots(mintSlots: number): void {
    this.#options = { ...this.#options, mintSlots };
    if (this.#options.jobs.queue === undefined) this.wake();
    else void this.#consume("mint", mintSlots);
  }

  /**
   * With a queue: takes queued `kind` work with `slots` at once from now on (none for 0), after
   * the previous consumer of that kind stopped (its running jobs end first).
   */
  async #consume(kind: WorkKind, slots: number): Promise<void> {
    const { jobs, leaseMs, logger } = this.#options;
    const previous = this.#consumers.get(kind);
    const next = (async () => {
      if (previous !== undefined) await (await previous.catch(() => async () => {}))();
      if (slots === 0 || this.#stopping) return async () => {};
      return jobs.queue!.consume({
        kind,
        slots,
        take: async (id) => {
          // Delivered as this process stops: failing it makes the queue deliver it again, elsewhere.
          if (this.#stopping) throw new Error("this process is stopping");
          const job = await jobs.claimById({ id, owner: this.owner, leaseMs, kind });
          if (job !== undefined) await this.#launch(kind, job);
        },
      });
    })();
    this.#consumers.set(kind, next);
    await next.catch((error: unknown) => {
      // The database was away as the consumer started: try again while it is still wanted.
      logger.warn(`could not take ${kind} work; trying again`, { error });
      setTimeout(() => {
        if (!this.#stopping && this.#consumers.get(kind) === next) void this.#consume(kind, slots);
      }, 2000).unref();
    });
  }

  /** Looks for work now (after a job is created, or a stage made one mintable); a queue wakes itself. */
  wake(): void {
    if (this.#stopping || this.#options.jobs.queue !== undefined) return;
    if (this.#claiming !== undefined) {
      this.#wokenAgain = true;
      return;
    }
    this.#claiming = this.#claimAll()
      .catch((error: unknown) => this.#options.logger.warn("could not claim jobs", { error }))
      .finally(() => {
        this.#claiming = undefined;
        if (this.#wokenAgain) {
          this.#wokenAgain = false;
          this.wake();
        }
      });
  }

  async #claimAll(): Promise<void> {
    for (const kind of ["pipeline", "mint"] as const) {
      const slots = kind === "pipeline" ? this.#options.pipelineSlots : this.#options.mintSlots;
      while (!this.#stopping && this.#count(kind) < slots) {
        const job = await this.#options.jobs.claim({
          owner: this.owner,
          leaseMs: this.#options.leaseMs,
          kind,
        });
        if (job === undefined) break;
        if (this.#stopping) {
          await this.#options.jobs.release({ id: job.id, owner: this.owner });
          break;
        }
        void this.#launch(kind, job);
      }
    }
  }

  /** Stops claiming, waits for running stages to end, and gives back every lease held. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#abort.abort();
    for (const timer of this.#timers) clearInterval(timer);
    // The queue's consumers stop taking work at once and wait for their running jobs.
    const consumers = [...this.#consumers.values()].map(async (consumer) =>
      (await consumer.catch(() => async () => {}))(),
    );
    await this.#claiming;
    await Promise.all([...this.#active.values()].map(({ done }) => done));
    await Promise.all(consumers);
  }

  get activeCount(): number {
    return this.#active.size;
  }

  #count(kind: WorkKind): number {
    return [...this.#active.values()].filter((entry) => entry.kind === kind).length;
  }

  /** Runs a claimed job, records its outcome and lets go of its lease; resolves when that is done. */
  #launch(kind: WorkKind, job: Job): Promise<void> {
    const log = this.#options.logger.child({ jobId: job.id });
    const done = this.#run(kind, job, log)
      // The database itself failing (PostgreSQL lost): the lease expires and the job resumes.
      .catch((error: unknown) => log.warn("could not record the job's outcome", { error }))
      .finally(() => {
        this.#active.delete(job.id);
        this.wake();
      });
    this.#active.set(job.id, { kind, done });
    return done;
  }

  /**
   * Runs a claimed job's stages until it has nothing left to do here, a failure is recorded, or
   * the process stops, then lets go of its lease. While a service it needs is away
   * (`WAIT_HERE_CODES`), or when the database failed between stages, it keeps the job, and the
   * files its stages wrote, and tries again here.
   */
  async #run(kind: WorkKind, claimed: Job, log: Logger): Promise<void> {
    const { jobs, parts, maxAttempts, backoffMs = 1000, awayRetryMs = 3000 } = this.#options;
    const { id } = claimed;
    const owner = this.owner;
    const started = performance.now();
    let job = claimed;
    for (;;) {
      try {
        const finished = await runJob({
          job,
          owner,
          jobs,
          parts,
          signal: this.#abort.signal,
          mints: this.#options.mintSlots > 0,
        });
        if (kind === "pipeline" && finished.stage === "ready") {
          this.#meanPipelineMs = 0.7 * this.#meanPipelineMs + 0.3 * (performance.now() - started);
        }
        await jobs.release({ id, owner });
        return;
      } catch (error) {
        if (this.#stopping) {
          await jobs.release({ id, owner });
          return;
        }
        // Anything but a stage's failure was thrown by the job store: the database failed
        // between stages (PostgreSQL restarting), and the job is retried here, files and all.
        const failure = error instanceof StageFailedError ? error : undefined;
        const code = failure?.code ?? "DATABASE_ERROR";
        const message = error instanceof Error ? error.message : String(error);
        const away = WAIT_HERE_CODES.has(code) || HAND_OVER_CODES.has(code);
        const here = failure === undefined || WAIT_HERE_CODES.has(code);
        const delayMs = away ? awayRetryMs : backoffMs;
        const outcome = await jobs
          .recordFailure({
            id,
            owner,
            code,
            message,
            maxAttempts,
            backoffMs: delayMs,
            rewindTo: failure?.rewindTo,
            counted: !away,
            keepLease: here,
          })
          .catch((recordError: unknown) => {
            // Still away: retried here unrecorded (a completion then checks the lease is ours).
            if (here) return "retrying" as const;
            throw recordError;
          });
        log.warn(`job attempt failed (${outcome}${here ? ", retrying here" : ""})`, { error });
        if (!here || outcome !== "retrying") return;
        // Cut short when the process stops (the next attempt then lets the job go).
        await sleep(delayMs, undefined, { signal: this.#abort.signal }).catch(() => {});
        // Read again for the next attempt; while the database is still away the last known state
        // serves (its first write fails, and this loop waits again).
        job = (await jobs.get(id).catch(() => undefined)) ?? job;
      }
    }
  }
}
