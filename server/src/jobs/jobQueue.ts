import { sql } from "drizzle-orm";
import { Logger as WorkerLogger, makeWorkerUtils, run } from "graphile-worker";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import type { WorkKind } from "./jobStore.ts";

/** A job free to run `kind` work from `runAfter` (milliseconds since the epoch). */
export type JobOffer = { kind: WorkKind; id: string; runAfter: number };

/**
 * The job queue on PostgreSQL, on graphile-worker 0.18 (chosen over pg-boss in
 * `bench/jobQueue.bench.ts`: 4.6 ms from insert to handler against 9.9 ms, and its `add_job` is a
 * plain SQL function, so a job is queued in the same transaction as the state change that frees
 * it). The `jobs` table stays the record of each job's stage and lease, and completing a stage is
 * still a compare-and-set under the lease (`JobStore.completeStage`): the queue delivers at least
 * once, the lease makes each stage complete exactly once. What the queue carries is the news that
 * a job is free to run a kind of work, and from when (retries wait in it with their backoff).
 *
 * SQLite, one machine's database, has no queue: its runner claims from the `jobs` table directly.
 */
export class JobQueue {
  readonly #db: Database;
  readonly #connectionString: string;
  readonly #logger: Logger;

  constructor({
    db,
    connectionString,
    logger,
  }: {
    db: Database;
    connectionString: string;
    logger: Logger;
  }) {
    this.#db = db;
    this.#connectionString = connectionString;
    this.#logger = logger;
  }

  /**
   * Queues a job, in the running transaction, for `kind` work from `runAfter`. One entry waits
   * per job and kind (its key): offering again moves its time. An entry being worked on is left
   * alone and a new one is queued, since the offer brings news that work may not have seen.
   */
  async offer({ kind, id, runAfter }: JobOffer): Promise<void> {
    await this.#db.execute(
      sql`select graphile_worker.add_job(
        ${kind},
        json_build_object('jobId', ${id}::text),
        run_at => to_timestamp(${runAfter}::double precision / 1000),
        job_key => ${`${kind}:${id}`}
      )`,
    );
  }

  /**
   * Which of `offers` have no entry waiting in the queue: none, one being worked on, or one
   * graphile-worker gave up on.
   */
  async unqueued(offers: JobOffer[]): Promise<JobOffer[]> {
    if (offers.length === 0) return [];
    const keys = offers.map(({ kind, id }) => `${kind}:${id}`);
    const waiting = await this.#db.execute<{ key: string }>(
      sql`select key from graphile_worker.jobs
        where key in (${sql.join(
          keys.map((key) => sql`${key}`),
          sql`, `,
        )}) and locked_at is null and attempts < max_attempts`,
    );
    const queued = new Set(waiting.map(({ key }) => key));
    return offers.filter((_, index) => !queued.has(keys[index]!));
  }

  /**
   * Takes queued `kind` work, at most `slots` at once, and awaits `take(jobId)` for each (woken by
   * graphile-worker's LISTEN/NOTIFY as soon as one is queued, and polling each second for retries
   * whose time came). `take` settles the job's outcome in the `jobs` table; only if it throws
   * (the database was lost) does graphile-worker retry it, with its own backoff. Resolves to a
   * function that stops taking work and waits for the running `take`s.
   */
  async consume({
    kind,
    slots,
    take,
  }: {
    kind: WorkKind;
    slots: number;
    take: (jobId: string) => Promise<void>;
  }): Promise<() => Promise<void>> {
    const runner = await run({
      connectionString: this.#connectionString,
      concurrency: slots,
      maxPoolSize: slots + 2,
      noHandleSignals: true,
      useNodeTime: true,
      pollInterval: 1000,
      logger: this.#workerLogger(),
      taskList: {
        [kind]: async (payload) => {
          const jobId = (payload as { jobId?: unknown } | null)?.jobId;
          if (typeof jobId !== "string") throw new Error(`a ${kind} entry without a job id`);
          await take(jobId);
        },
      },
    });
    return () => runner.stop();
  }

  /**
   * Deletes the entries graphile-worker gave up on: those a crashed worker held (it frees them
   * after 4 hours, spent, when a sweep has long since queued their job again) and those whose
   * `take` kept throwing. The `jobs` table, not the queue, says what a job still needs.
   */
  async deleteSpentEntries(): Promise<void> {
    const utils = await makeWorkerUtils({
      connectionString: this.#connectionString,
      logger: this.#workerLogger(),
    });
    try {
      await utils.cleanup({ tasks: ["DELETE_PERMAFAILED_JOBS"] });
    } finally {
      await utils.release();
    }
  }

  /** graphile-worker's warnings and errors, in our log; its routine chatter is left out. */
  #workerLogger(): WorkerLogger {
    return new WorkerLogger(() => (level, message, meta) => {
      if (level !== "error" && level !== "warning") return;
      // Its metadata can hold whole connection objects: only the error's message is kept.
      const error = (meta as { error?: unknown } | undefined)?.error;
      this.#logger.warn(message, {
        source: "graphile-worker",
        ...(error instanceof Error ? { error: error.message } : {}),
      });
    });
  }
}

/** The queue for the configured database: graphile-worker's on PostgreSQL, none on SQLite. */
export function configuredJobQueue({
  db,
  config,
  logger,
}: {
  db: Database;
  config: Pick<Config, "postgresUrl">;
  logger: Logger;
}): JobQueue | undefined {
  if (config.postgresUrl === undefined) return undefined;
  return new JobQueue({
    db,
    connectionString: config.postgresUrl.reveal(),
    logger: logger.child({ component: "queue" }),
  });
}
