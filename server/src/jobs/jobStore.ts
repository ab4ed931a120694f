import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
} from "drizzle-orm";
import type { Database, Queries } from "../db/database.ts";
import { GENERATION_STAGES, type GenerationStage } from "@proofmint/core";
import type { Job, JobEvent } from "../db/schema.ts";
import type { JobEventBus } from "./jobEventBus.ts";
import type { JobQueue } from "./jobQueue.ts";
import { isOrphanedLeaseOwner } from "./leaseOwner.ts";

/** Stages before `ready`: the proving pipeline. */
export const PIPELINE_STAGES = GENERATION_STAGES.slice(0, GENERATION_STAGES.indexOf("ready"));

/** The PostgreSQL channel announcing appended job events: `<store instance> <event id>`. */
const EVENTS_CHANNEL = "proofmint_job_events";

/** What a claim is for: the proving pipeline, or a relayed mint (which does not use a prover). */
export type WorkKind = "pipeline" | "mint";

/**
 * The work a job needs next: proving, a relayed mint once it is ready, or none (it failed, it is
 * minted or minting, or it waits for its creator's wallet).
 */
export function workKind(
  job: Pick<Job, "stage" | "recipient" | "errorCode">,
): WorkKind | undefined {
  if (job.errorCode !== null) return undefined;
  if ((PIPELINE_STAGES as readonly string[]).includes(job.stage)) return "pipeline";
  return job.stage === "ready" && job.recipient !== null ? "mint" : undefined;
}

type JobFields = Partial<
  Pick<
    Job,
    | "aigcData"
    | "imageCid"
    | "outputCid"
    | "proofCid"
    | "metadataCid"
    | "mintSalt"
    | "commitTx"
    | "mintTx"
    | "recipient"
  >
>;

/**
 * Jobs and their events in the database (SQLite or PostgreSQL). Every state change is one
 * transaction that also appends its event, guarded by the caller's lease, so a stage completes
 * exactly once however often it runs; events are published to the bus only after their
 * transaction commits.
 */
export class JobStore {
  readonly #db: Database;
  readonly #bus: JobEventBus;
  readonly #now: () => number;
  /** Tells this store's own announcements from other processes' (`followOtherProcesses`). */
  readonly #instance = randomUUID();
  readonly #queue: JobQueue | undefined;

  /**
   * `queue`: on PostgreSQL, where each job that becomes free to run is queued, in the same
   * transaction (`jobQueue.ts`); without one (SQLite) runners claim from the table itself.
   */
  constructor({
    db,
    bus,
    queue,
    now = Date.now,
  }: {
    db: Database;
    bus: JobEventBus;
    queue?: JobQueue | undefined;
    now?: () => number;
  }) {
    this.#db = db;
    this.#bus = bus;
    this.#queue = queue;
    this.#now = now;
  }

  /** Whether runners take jobs from a queue (`consume`) rather than claiming from the table. */
  get queue(): JobQueue | undefined {
    return this.#queue;
  }

  /** Creates a validated job and its `validate` event. */
  create({
    prompt,
    tokenId,
    recipient,
  }: {
    prompt: string;
    tokenId: bigint;
    recipient: string | null;
  }): Promise<Job> {
    const { jobs } = this.#db.tables;
    const now = this.#now();
    const id = randomUUID();
    return this.#db.transaction(async (tx) => {
      const [row] = await tx
        .insert(jobs)
        .values({
          id,
          prompt,
          tokenId: tokenId.toString(),
          stage: "validate",
          recipient,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await this.#append(tx, id, "stage", {
        stage: "validate",
        prompt,
        tokenId: String(tokenId),
      });
      await this.#offer(row!);
      return row!;
    });
  }

  /**
   * Runs `write` as one transaction, together with the job store's own writes made while it
   * runs: their events are published once it commits, and never if it throws.
   */
  transaction<T>(write: (tx: Queries) => Promise<T>): Promise<T> {
    return this.#db.transaction(write);
  }

  async get(id: string): Promise<Job | undefined> {
    const { jobs } = this.#db.tables;
    const [row] = await this.#db.read((q) => q.select().from(jobs).where(eq(jobs.id, id)));
    return row;
  }

  /** The newest job for a prompt that has not failed, if any. */
  async findLiveByPrompt(prompt: string): Promise<Job | undefined> {
    const { jobs } = this.#db.tables;
    const [row] = await this.#db.read((q) =>
      q
        .select()
        .from(jobs)
        .where(and(eq(jobs.prompt, prompt), isNull(jobs.errorCode)))
        .orderBy(sql`${jobs.createdAt} desc`)
        .limit(1),
    );
    return row;
  }

  /** Jobs that still need the prover: the queue a new job joins. */
  async pendingCount(): Promise<number> {
    const { jobs } = this.#db.tables;
    const [row] = await this.#db.read((q) =>
      q
        .select({ n: count() })
        .from(jobs)
        .where(and(inArray(jobs.stage, [...PIPELINE_STAGES]), isNull(jobs.errorCode))),
    );
    return row?.n ?? 0;
  }

  /**
   * Timings of the last `limit` proofs on this server, newest first (read only): the `prove`
   * stage's measured milliseconds, and each job's prompt-to-ready milliseconds (queue wait and
   * every stage included). For estimates shown to people, not for accounting.
   */
  async recentTimings({ limit = 20 }: { limit?: number } = {}): Promise<{
    proveMs: number[];
    readyMs: number[];
  }> {
    const { jobs, jobEvents } = this.#db.tables;
    const stageIs = (stage: string) =>
      and(
        eq(jobEvents.type, "stage"),
        sql`${this.#db.jsonField(jobEvents.data, "stage", "text")} = ${stage}`,
      );
    const proveRows = await this.#db.read((q) =>
      q
        .select({ ms: sql<number | null>`${this.#db.jsonField(jobEvents.data, "ms", "number")}` })
        .from(jobEvents)
        .where(stageIs("prove"))
        .orderBy(desc(jobEvents.id))
        .limit(limit),
    );
    const readyRows = await this.#db.read((q) =>
      q
        .select({ readyAt: jobEvents.createdAt, createdAt: jobs.createdAt })
        .from(jobEvents)
        .innerJoin(jobs, eq(jobs.id, jobEvents.jobId))
        .where(stageIs("ready"))
        .orderBy(desc(jobEvents.id))
        .limit(limit),
    );
    return {
      proveMs: proveRows.flatMap(({ ms }) => (typeof ms === "number" && ms >= 0 ? [ms] : [])),
      readyMs: readyRows
        .map(({ readyAt, createdAt }) => readyAt - createdAt)
        .filter((ms) => ms >= 0),
    };
  }

  /** Events of a job after `afterId`, oldest first. */
  events(jobId: string, afterId = 0): Promise<JobEvent[]> {
    const { jobEvents } = this.#db.tables;
    return this.#db.read((q) =>
      q
        .select()
        .from(jobEvents)
        .where(and(eq(jobEvents.jobId, jobId), gt(jobEvents.id, afterId)))
        .orderBy(asc(jobEvents.id)),
    );
  }

  /**
   * Takes the oldest runnable job of a kind under a lease for `owner`, in one statement, so two
   * processes never claim the same job (on PostgreSQL, a job another claimant is taking is
   * skipped rather than waited for).
   */
  claim({
    owner,
    leaseMs,
    kind,
  }: {
    owner: string;
    leaseMs: number;
    kind: WorkKind;
  }): Promise<Job | undefined> {
    const { jobs } = this.#db.tables;
    const now = this.#now();
    return this.#db.transaction(async (tx) => {
      const candidate = this.#db.lockRows(
        tx
          .select({ id: jobs.id })
          .from(jobs)
          .where(and(this.#needs(kind), lte(jobs.runAfter, now), this.#unleased(now)))
          .orderBy(asc(jobs.createdAt), asc(jobs.id))
          .limit(1),
        { skipLocked: true },
      );
      const [row] = await tx
        .update(jobs)
        .set({ leaseOwner: owner, leaseExpiresAt: now + leaseMs, updatedAt: now })
        .where(and(inArray(jobs.id, candidate), this.#unleased(now)))
        .returning();
      return row;
    });
  }

  /**
   * Takes job `id` under a lease for `owner` if it needs `kind` work now and nobody holds it (a
   * job the queue delivered): undefined when it moved on, waits for its retry time, or another
   * process holds it (which then offers it again when it lets go, or `releaseExpiredLeases` does
   * when that process died).
   */
  async claimById({
    id,
    owner,
    leaseMs,
    kind,
  }: {
    id: string;
    owner: string;
    leaseMs: number;
    kind: WorkKind;
  }): Promise<Job | undefined> {
    const { jobs } = this.#db.tables;
    const now = this.#now();
    const [row] = await this.#db.transaction((tx) =>
      tx
        .update(jobs)
        .set({ leaseOwner: owner, leaseExpiresAt: now + leaseMs, updatedAt: now })
        .where(
          and(eq(jobs.id, id), this.#needs(kind), lte(jobs.runAfter, now), this.#unleased(now)),
        )
        .returning(),
    );
    return row;
  }

  /**
   * Frees the leases that expired (their process died without letting go, on any machine) of jobs
   * that still need work, and queues those jobs again. Returns how many.
   */
  async releaseExpiredLeases(): Promise<number> {
    const { jobs } = this.#db.tables;
    const now = this.#now();
    return this.#db.transaction(async (tx) => {
      const freed = await tx
        .update(jobs)
        .set({ leaseOwner: null, leaseExpiresAt: null })
        .where(
          and(
            or(this.#needs("pipeline"), this.#needs("mint")),
            isNotNull(jobs.leaseOwner),
            lt(jobs.leaseExpiresAt, now),
          ),
        )
        .returning();
      for (const job of freed) await this.#offer(job);
      return freed.length;
    });
  }

  /**
   * Queues again the jobs that need work, are held by nobody, were due before `dueBefore` and have
   * no entry waiting in the queue: jobs written before the queue existed, and any whose delivery
   * failed without being recorded (the database went away under the queue's own bookkeeping).
   * Returns how many.
   */
  async offerStranded({ dueBefore }: { dueBefore: number }): Promise<number> {
    const queue = this.#queue;
    if (queue === undefined) return 0;
    const { jobs } = this.#db.tables;
    return this.#db.transaction(async (tx) => {
      const waiting = await tx
        .select()
        .from(jobs)
        .where(
          and(
            or(this.#needs("pipeline"), this.#needs("mint")),
            isNull(jobs.leaseOwner),
            lt(jobs.runAfter, dueBefore),
          ),
        );
      const offers = waiting.map((job) => ({
        kind: workKind(job)!,
        id: job.id,
        runAfter: job.runAfter,
      }));
      const stranded = await queue.unqueued(offers);
      for (const offer of stranded) await queue.offer(offer);
      return stranded.length;
    });
  }

  /** Jobs needing `kind` work (see `workKind`). */
  #needs(kind: WorkKind) {
    const { jobs } = this.#db.tables;
    const stage =
      kind === "pipeline"
        ? inArray(jobs.stage, [...PIPELINE_STAGES])
        : and(eq(jobs.stage, "ready"), isNotNull(jobs.recipient));
    return and(stage, isNull(jobs.errorCode));
  }

  /** Jobs no live lease holds at `now`. */
  #unleased(now: number) {
    const { jobs } = this.#db.tables;
    return or(isNull(jobs.leaseOwner), lt(jobs.leaseExpiresAt, now));
  }

  /** Queues `job` for the work it needs, in the running transaction (PostgreSQL's queue only). */
  async #offer(job: Job): Promise<void> {
    const kind = workKind(job);
    if (this.#queue === undefined || kind === undefined) return;
    await this.#queue.offer({ kind, id: job.id, runAfter: job.runAfter });
  }

  /** Extends the leases `owner` holds on `ids`. */
  async renewLeases({
    owner,
    ids,
    leaseMs,
  }: {
    owner: string;
    ids: string[];
    leaseMs: number;
  }): Promise<void> {
    if (ids.length === 0) return;
    const { jobs } = this.#db.tables;
    await this.#db.transaction((tx) =>
      tx
        .update(jobs)
        .set({ leaseExpiresAt: this.#now() + leaseMs })
        .where(and(inArray(jobs.id, ids), eq(jobs.leaseOwner, owner))),
    );
  }

  /** Gives a job back without counting a failure (shutdown, or nothing left to do here). */
  async release({ id, owner }: { id: string; owner: string }): Promise<void> {
    const { jobs } = this.#db.tables;
    await this.#db.transaction(async (tx) => {
      const [released] = await tx
        .update(jobs)
        .set({ leaseOwner: null, leaseExpiresAt: null })
        .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)))
        .returning();
      if (released !== undefined) await this.#offer(released);
    });
  }

  /**
   * Frees the leases of processes that are certainly dead (see `isOrphanedLeaseOwner`), so their
   * jobs resume at once instead of when the lease expires.
   */
  async releaseOrphanedLeases({ self }: { self: string }): Promise<number> {
    const { jobs } = this.#db.tables;
    const held = await this.#db.read((q) =>
      q
        .select({ id: jobs.id, owner: jobs.leaseOwner })
        .from(jobs)
        .where(isNotNull(jobs.leaseOwner)),
    );
    const orphaned = held.filter(({ owner }) => isOrphanedLeaseOwner({ owner: owner!, self }));
    for (const { id, owner } of orphaned) await this.release({ id, owner: owner! });
    return orphaned.length;
  }

  /**
   * Records that `owner` completed stage `to` (the job being at `from`), with the stage's fields
   * and its event. Returns the updated job, or undefined when the lease was lost or another
   * process moved the job on: then this attempt's work is discarded.
   */
  completeStage({
    id,
    owner,
    from,
    to,
    fields = {},
    data = {},
  }: {
    id: string;
    owner: string;
    from: GenerationStage;
    to: GenerationStage;
    fields?: JobFields;
    data?: Record<string, unknown>;
  }): Promise<Job | undefined> {
    const { jobs } = this.#db.tables;
    return this.#db.transaction(async (tx) => {
      const [row] = await tx
        .update(jobs)
        .set({ ...fields, stage: to, failures: 0, updatedAt: this.#now() })
        .where(
          and(
            eq(jobs.id, id),
            eq(jobs.leaseOwner, owner),
            eq(jobs.stage, from),
            isNull(jobs.errorCode),
          ),
        )
        .returning();
      if (row === undefined) return undefined;
      await this.#append(tx, id, "stage", { stage: to, ...data });
      if (to === "ready") await this.#append(tx, id, "ready", data);
      return row;
    });
  }

  /** Saves fields mid-stage (e.g. a mint salt before its commit is sent), under the lease. */
  async save({
    id,
    owner,
    fields,
  }: {
    id: string;
    owner: string;
    fields: JobFields;
  }): Promise<boolean> {
    const { jobs } = this.#db.tables;
    const saved = await this.#db.transaction((tx) =>
      tx
        .update(jobs)
        .set({ ...fields, updatedAt: this.#now() })
        .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)))
        .returning({ id: jobs.id }),
    );
    return saved.length === 1;
  }

  /** Asks for a relayed mint to `recipient` once the job is ready. */
  async setRecipient({ id, recipient }: { id: string; recipient: string }): Promise<void> {
    const { jobs } = this.#db.tables;
    await this.#db.transaction(async (tx) => {
      const [updated] = await tx
        .update(jobs)
        .set({ recipient, updatedAt: this.#now() })
        .where(and(eq(jobs.id, id), isNull(jobs.recipient), isNull(jobs.errorCode)))
        .returning();
      await this.#append(tx, id, "mint-requested", { recipient });
      // Ready already and held by nobody: queued for its mint now.
      if (updated?.leaseOwner === null) await this.#offer(updated);
    });
  }

  /** Adds an informational event (a stage starting, a transaction sent). */
  async note({
    id,
    type,
    data,
  }: {
    id: string;
    type: string;
    data: Record<string, unknown>;
  }): Promise<void> {
    await this.#db.transaction((tx) => this.#append(tx, id, type, data));
  }

  /**
   * Records a failed attempt: the job is released with a backoff and retried, from `rewindTo` if
   * given, until `maxAttempts` failures in a row; then it fails for good with the error's code.
   * A failure with `counted: false` (a service that is away, not a fault of the job) retries after
   * `backoffMs` without using up an attempt, however long the service stays away. With
   * `keepLease`, a retry keeps `owner`'s lease, for `owner` to retry the job itself.
   */
  recordFailure({
    id,
    owner,
    code,
    message,
    maxAttempts,
    backoffMs,
    rewindTo,
    counted = true,
    keepLease = false,
  }: {
    id: string;
    owner: string;
    code: string;
    message: string;
    maxAttempts: number;
    backoffMs: number;
    rewindTo?: GenerationStage | undefined;
    counted?: boolean;
    keepLease?: boolean;
  }): Promise<"retrying" | "failed" | "lost"> {
    const { jobs } = this.#db.tables;
    const now = this.#now();
    return this.#db.transaction(async (tx) => {
      const [job] = await this.#db.lockRows(
        tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner))),
      );
      if (job === undefined) return "lost" as const;
      const failures = job.failures + (counted ? 1 : 0);
      const failed = counted && failures >= maxAttempts;
      const attempt = counted ? { attempt: failures } : { attempt: failures, counted };
      if (keepLease && !failed) {
        await tx.update(jobs).set({ failures, updatedAt: now }).where(eq(jobs.id, id));
        await this.#append(tx, id, "retrying", { code, message, ...attempt, maxAttempts });
        return "retrying" as const;
      }
      const [updated] = await tx
        .update(jobs)
        .set({
          failures,
          leaseOwner: null,
          leaseExpiresAt: null,
          runAfter: now + (counted ? backoffMs * 2 ** (failures - 1) : backoffMs),
          updatedAt: now,
          ...(rewindTo === undefined ? {} : { stage: rewindTo }),
          ...(failed ? { errorCode: code, errorMessage: message } : {}),
        })
        .where(eq(jobs.id, id))
        .returning();
      await this.#offer(updated!);
      const type = failed ? "failed" : "retrying";
      await this.#append(tx, id, type, { code, message, ...attempt, maxAttempts });
      return type;
    });
  }

  /**
   * Marks the live jobs of a token that reached `ready` as minted (the indexer saw the token) and
   * fails those still proving it, which can no longer mint. Returns the minted ones.
   */
  markMinted({
    tokenId,
    data,
  }: {
    tokenId: bigint;
    data: Record<string, unknown>;
  }): Promise<Job[]> {
    const { jobs } = this.#db.tables;
    return this.#db.transaction(async (tx) => {
      const rows = await tx
        .update(jobs)
        .set({ stage: "minted", leaseOwner: null, leaseExpiresAt: null, updatedAt: this.#now() })
        .where(
          and(
            eq(jobs.tokenId, tokenId.toString()),
            inArray(jobs.stage, ["ready", "mint"]),
            isNull(jobs.errorCode),
          ),
        )
        .returning();
      for (const row of rows) {
        await this.#append(tx, row.id, "stage", { stage: "minted", ...data });
        await this.#append(tx, row.id, "minted", data);
      }
      const message = "the prompt was minted by another generation";
      const superseded = await tx
        .update(jobs)
        .set({ errorCode: "PROMPT_ALREADY_MINTED", errorMessage: message, updatedAt: this.#now() })
        .where(
          and(
            eq(jobs.tokenId, tokenId.toString()),
            inArray(jobs.stage, [...PIPELINE_STAGES]),
            isNull(jobs.errorCode),
          ),
        )
        .returning({ id: jobs.id });
      for (const { id } of superseded) {
        await this.#append(tx, id, "failed", { code: "PROMPT_ALREADY_MINTED", message });
      }
      return rows;
    });
  }

  /**
   * Puts back, each with a `reorg` event, the jobs whose mint a chain reorganisation undid:
   * minted jobs of `tokenIds`, and jobs whose relayed mint completed but whose token the index
   * does not hold, return to `ready`, where the relayer mints a relayed one again (checking the
   * chain first: a mint the new chain re-included is not sent again) and a creator can mint a
   * wallet one again; jobs that failed only because one of these tokens was minted resume where
   * they stopped. Returns them.
   */
  reopenMints({
    tokenIds,
    data,
  }: {
    tokenIds: string[];
    data: Record<string, unknown>;
  }): Promise<Job[]> {
    const { jobs, tokens } = this.#db.tables;
    const now = this.#now();
    return this.#db.transaction(async (tx) => {
      const unminted = await tx
        .update(jobs)
        .set({
          stage: "ready",
          failures: 0,
          runAfter: 0,
          leaseOwner: null,
          leaseExpiresAt: null,
          updatedAt: now,
        })
        .where(
          and(
            isNull(jobs.errorCode),
            or(
              and(eq(jobs.stage, "minted"), inArray(jobs.tokenId, tokenIds)),
              and(
                eq(jobs.stage, "mint"),
                notInArray(jobs.tokenId, tx.select({ tokenId: tokens.tokenId }).from(tokens)),
              ),
            ),
          ),
        )
        .returning();
      const resumed = await tx
        .update(jobs)
        .set({ errorCode: null, errorMessage: null, failures: 0, runAfter: 0, updatedAt: now })
        .where(
          and(
            eq(jobs.errorCode, "PROMPT_ALREADY_MINTED"),
            inArray(jobs.stage, [...PIPELINE_STAGES]),
            inArray(jobs.tokenId, tokenIds),
          ),
        )
        .returning();
      for (const row of [...unminted, ...resumed]) {
        await this.#append(tx, row.id, "reorg", { ...data, stage: row.stage });
        if (row.leaseOwner === null) await this.#offer(row);
      }
      return [...unminted, ...resumed];
    });
  }

  /**
   * Publishes to this process's bus the events other processes sharing the database append
   * (PostgreSQL's LISTEN/NOTIFY carries their ids; the event log in the database is what is
   * published), so a client streaming a job's events gets them from whichever server it is
   * connected to. Resolves to a function that stops following.
   */
  followOtherProcesses(): Promise<() => Promise<void>> {
    const { jobEvents } = this.#db.tables;
    // One read at a time, so events reach the bus in the order they were announced.
    let reading = Promise.resolve();
    return this.#db.listen(EVENTS_CHANNEL, (payload) => {
      const [instance, id] = payload.split(" ");
      if (instance === this.#instance || id === undefined) return;
      reading = reading
        .then(() =>
          this.#db.read((q) =>
            q
              .select()
              .from(jobEvents)
              .where(eq(jobEvents.id, Number(id))),
          ),
        )
        .then(([event]) => {
          if (event !== undefined) this.#bus.publish(event);
        })
        .catch(() => {});
    });
  }

  /** Appends an event in `tx`, published to the bus once that transaction commits. */
  async #append(
    tx: Queries,
    jobId: string,
    type: string,
    data: Record<string, unknown>,
  ): Promise<JobEvent> {
    const { jobEvents } = this.#db.tables;
    const [event] = await tx
      .insert(jobEvents)
      .values({ jobId, type, data: JSON.stringify(data), createdAt: this.#now() })
      .returning();
    await this.#db.announce(EVENTS_CHANNEL, `${this.#instance} ${event!.id}`);
    this.#db.afterCommit(() => this.#bus.publish(event!));
    return event!;
  }
}
