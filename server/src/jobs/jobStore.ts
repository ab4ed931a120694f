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
import type { Database, Transaction } from "../db/database.ts";
import { GENERATION_STAGES, type GenerationStage } from "@proofmint/core";
import { jobEvents, jobs, tokens, type Job, type JobEvent } from "../db/schema.ts";
import type { JobEventBus } from "./jobEventBus.ts";
import { isOrphanedLeaseOwner } from "./leaseOwner.ts";

/** Stages before `ready`: the proving pipeline. */
export const PIPELINE_STAGES = GENERATION_STAGES.slice(0, GENERATION_STAGES.indexOf("ready"));

/** What a claim is for: the proving pipeline, or a relayed mint (which does not use a prover). */
export type WorkKind = "pipeline" | "mint";

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
 * Jobs and their events in SQLite. Every state change is one transaction that also appends its
 * event, guarded by the caller's lease, so a stage completes exactly once however often it runs;
 * events are published to the bus only after their transaction commits.
 */
export class JobStore {
  readonly #db: Database;
  readonly #bus: JobEventBus;
  readonly #now: () => number;
  /** Events of the writes inside `transaction()`, published once it commits. */
  #deferred: JobEvent[] | undefined;

  constructor({ db, bus, now = Date.now }: { db: Database; bus: JobEventBus; now?: () => number }) {
    this.#db = db;
    this.#bus = bus;
    this.#now = now;
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
  }): Job {
    const now = this.#now();
    const id = randomUUID();
    const events: JobEvent[] = [];
    const job = this.#db.transaction((tx) => {
      const row = tx
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
        .returning()
        .get();
      events.push(
        this.#append(tx, id, "stage", { stage: "validate", prompt, tokenId: String(tokenId) }),
      );
      return row;
    });
    this.#publish(events);
    return job;
  }

  /**
   * Runs `write` as one transaction (not nested in another), together with the job store's own
   * writes made while it runs: their events are published once it commits, and never if it
   * throws.
   */
  transaction<T>(write: (tx: Transaction) => T): T {
    const deferred: JobEvent[] = [];
    this.#deferred = deferred;
    let result: T;
    try {
      result = this.#db.transaction(write);
    } finally {
      this.#deferred = undefined;
    }
    this.#publish(deferred);
    return result;
  }

  get(id: string): Job | undefined {
    return this.#db.select().from(jobs).where(eq(jobs.id, id)).get();
  }

  /** The newest job for a prompt that has not failed, if any. */
  findLiveByPrompt(prompt: string): Job | undefined {
    return this.#db
      .select()
      .from(jobs)
      .where(and(eq(jobs.prompt, prompt), isNull(jobs.errorCode)))
      .orderBy(sql`${jobs.createdAt} desc`)
      .limit(1)
      .get();
  }

  /** Jobs that still need the prover: the queue a new job joins. */
  pendingCount(): number {
    const row = this.#db
      .select({ n: count() })
      .from(jobs)
      .where(and(inArray(jobs.stage, [...PIPELINE_STAGES]), isNull(jobs.errorCode)))
      .get();
    return row?.n ?? 0;
  }

  /**
   * Timings of the last `limit` proofs on this server, newest first (read only): the `prove`
   * stage's measured milliseconds, and each job's prompt-to-ready milliseconds (queue wait and
   * every stage included). For estimates shown to people, not for accounting.
   */
  recentTimings({ limit = 20 }: { limit?: number } = {}): { proveMs: number[]; readyMs: number[] } {
    const stageIs = (stage: string) =>
      and(eq(jobEvents.type, "stage"), sql`json_extract(${jobEvents.data}, '$.stage') = ${stage}`);
    const proveMs = this.#db
      .select({ ms: sql<number | null>`json_extract(${jobEvents.data}, '$.ms')` })
      .from(jobEvents)
      .where(stageIs("prove"))
      .orderBy(desc(jobEvents.id))
      .limit(limit)
      .all()
      .flatMap(({ ms }) => (typeof ms === "number" && ms >= 0 ? [ms] : []));
    const readyMs = this.#db
      .select({ readyAt: jobEvents.createdAt, createdAt: jobs.createdAt })
      .from(jobEvents)
      .innerJoin(jobs, eq(jobs.id, jobEvents.jobId))
      .where(stageIs("ready"))
      .orderBy(desc(jobEvents.id))
      .limit(limit)
      .all()
      .map(({ readyAt, createdAt }) => readyAt - createdAt)
      .filter((ms) => ms >= 0);
    return { proveMs, readyMs };
  }

  /** Events of a job after `afterId`, oldest first. */
  events(jobId: string, afterId = 0): JobEvent[] {
    return this.#db
      .select()
      .from(jobEvents)
      .where(and(eq(jobEvents.jobId, jobId), gt(jobEvents.id, afterId)))
      .orderBy(asc(jobEvents.id))
      .all();
  }

  /**
   * Takes the oldest runnable job of a kind under a lease for `owner`, in one statement, so two
   * processes never claim the same job.
   */
  claim({
    owner,
    leaseMs,
    kind,
  }: {
    owner: string;
    leaseMs: number;
    kind: WorkKind;
  }): Job | undefined {
    const now = this.#now();
    const runnable =
      kind === "pipeline"
        ? inArray(jobs.stage, [...PIPELINE_STAGES])
        : and(eq(jobs.stage, "ready"), isNotNull(jobs.recipient));
    const candidate = this.#db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          runnable,
          isNull(jobs.errorCode),
          lte(jobs.runAfter, now),
          or(isNull(jobs.leaseOwner), lt(jobs.leaseExpiresAt, now)),
        ),
      )
      .orderBy(asc(jobs.createdAt), asc(jobs.id))
      .limit(1);
    return this.#db
      .update(jobs)
      .set({ leaseOwner: owner, leaseExpiresAt: now + leaseMs, updatedAt: now })
      .where(
        and(inArray(jobs.id, candidate), or(isNull(jobs.leaseOwner), lt(jobs.leaseExpiresAt, now))),
      )
      .returning()
      .get();
  }

  /** Extends the leases `owner` holds on `ids`. */
  renewLeases({ owner, ids, leaseMs }: { owner: string; ids: string[]; leaseMs: number }): void {
    if (ids.length === 0) return;
    this.#db
      .update(jobs)
      .set({ leaseExpiresAt: this.#now() + leaseMs })
      .where(and(inArray(jobs.id, ids), eq(jobs.leaseOwner, owner)))
      .run();
  }

  /** Gives a job back without counting a failure (shutdown, or nothing left to do here). */
  release({ id, owner }: { id: string; owner: string }): void {
    this.#db
      .update(jobs)
      .set({ leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)))
      .run();
  }

  /**
   * Frees the leases of processes that are certainly dead (see `isOrphanedLeaseOwner`), so their
   * jobs resume at once instead of when the lease expires.
   */
  releaseOrphanedLeases({ self }: { self: string }): number {
    const held = this.#db
      .select({ id: jobs.id, owner: jobs.leaseOwner })
      .from(jobs)
      .where(isNotNull(jobs.leaseOwner))
      .all();
    const orphaned = held.filter(({ owner }) => isOrphanedLeaseOwner({ owner: owner!, self }));
    for (const { id, owner } of orphaned) this.release({ id, owner: owner! });
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
  }): Job | undefined {
    const events: JobEvent[] = [];
    const job = this.#db.transaction((tx) => {
      const row = tx
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
        .returning()
        .get();
      if (row === undefined) return undefined;
      events.push(this.#append(tx, id, "stage", { stage: to, ...data }));
      if (to === "ready") events.push(this.#append(tx, id, "ready", data));
      return row;
    });
    this.#publish(events);
    return job;
  }

  /** Saves fields mid-stage (e.g. a mint salt before its commit is sent), under the lease. */
  save({ id, owner, fields }: { id: string; owner: string; fields: JobFields }): boolean {
    const result = this.#db
      .update(jobs)
      .set({ ...fields, updatedAt: this.#now() })
      .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)))
      .run();
    return result.changes === 1;
  }

  /** Asks for a relayed mint to `recipient` once the job is ready. */
  setRecipient({ id, recipient }: { id: string; recipient: string }): void {
    this.#db
      .update(jobs)
      .set({ recipient, updatedAt: this.#now() })
      .where(and(eq(jobs.id, id), isNull(jobs.recipient), isNull(jobs.errorCode)))
      .run();
    this.note({ id, type: "mint-requested", data: { recipient } });
  }

  /** Adds an informational event (a stage starting, a transaction sent). */
  note({ id, type, data }: { id: string; type: string; data: Record<string, unknown> }): void {
    const event = this.#append(this.#db, id, type, data);
    this.#publish([event]);
  }

  /**
   * Records a failed attempt: the job is released with a backoff and retried, from `rewindTo` if
   * given, until `maxAttempts` failures in a row; then it fails for good with the error's code.
   * A failure with `counted: false` (a service that is away, not a fault of the job) retries after
   * `backoffMs` without using up an attempt, however long the service stays away.
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
  }: {
    id: string;
    owner: string;
    code: string;
    message: string;
    maxAttempts: number;
    backoffMs: number;
    rewindTo?: GenerationStage | undefined;
    counted?: boolean;
  }): "retrying" | "failed" | "lost" {
    const events: JobEvent[] = [];
    const now = this.#now();
    const outcome = this.#db.transaction((tx) => {
      const job = tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)))
        .get();
      if (job === undefined) return "lost" as const;
      const failures = job.failures + (counted ? 1 : 0);
      const failed = counted && failures >= maxAttempts;
      tx.update(jobs)
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
        .run();
      const type = failed ? "failed" : "retrying";
      const attempt = counted ? { attempt: failures } : { attempt: failures, counted };
      events.push(this.#append(tx, id, type, { code, message, ...attempt, maxAttempts }));
      return type;
    });
    this.#publish(events);
    return outcome;
  }

  /**
   * Marks the live jobs of a token that reached `ready` as minted (the indexer saw the token) and
   * fails those still proving it, which can no longer mint. Returns the minted ones.
   */
  markMinted({ tokenId, data }: { tokenId: bigint; data: Record<string, unknown> }): Job[] {
    const events: JobEvent[] = [];
    const updated = this.#db.transaction((tx) => {
      const rows = tx
        .update(jobs)
        .set({ stage: "minted", leaseOwner: null, leaseExpiresAt: null, updatedAt: this.#now() })
        .where(
          and(
            eq(jobs.tokenId, tokenId.toString()),
            inArray(jobs.stage, ["ready", "mint"]),
            isNull(jobs.errorCode),
          ),
        )
        .returning()
        .all();
      for (const row of rows) {
        events.push(this.#append(tx, row.id, "stage", { stage: "minted", ...data }));
        events.push(this.#append(tx, row.id, "minted", data));
      }
      const message = "the prompt was minted by another generation";
      const superseded = tx
        .update(jobs)
        .set({ errorCode: "PROMPT_ALREADY_MINTED", errorMessage: message, updatedAt: this.#now() })
        .where(
          and(
            eq(jobs.tokenId, tokenId.toString()),
            inArray(jobs.stage, [...PIPELINE_STAGES]),
            isNull(jobs.errorCode),
          ),
        )
        .returning({ id: jobs.id })
        .all();
      for (const { id } of superseded) {
        events.push(this.#append(tx, id, "failed", { code: "PROMPT_ALREADY_MINTED", message }));
      }
      return rows;
    });
    this.#publish(events);
    return updated;
  }

  /**
   * Puts back, each with a `reorg` event, the jobs whose mint a chain reorganisation undid:
   * minted jobs of `tokenIds`, and jobs whose relayed mint completed but whose token the index
   * does not hold, return to `ready`, where the relayer mints a relayed one again (checking the
   * chain first: a mint the new chain re-included is not sent again) and a creator can mint a
   * wallet one again; jobs that failed only because one of these tokens was minted resume where
   * they stopped. Returns them.
   */
  reopenMints({ tokenIds, data }: { tokenIds: string[]; data: Record<string, unknown> }): Job[] {
    const events: JobEvent[] = [];
    const now = this.#now();
    const reopened = this.#db.transaction((tx) => {
      const unminted = tx
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
        .returning()
        .all();
      const resumed = tx
        .update(jobs)
        .set({ errorCode: null, errorMessage: null, failures: 0, runAfter: 0, updatedAt: now })
        .where(
          and(
            eq(jobs.errorCode, "PROMPT_ALREADY_MINTED"),
            inArray(jobs.stage, [...PIPELINE_STAGES]),
            inArray(jobs.tokenId, tokenIds),
          ),
        )
        .returning()
        .all();
      for (const row of [...unminted, ...resumed]) {
        events.push(this.#append(tx, row.id, "reorg", { ...data, stage: row.stage }));
      }
      return [...unminted, ...resumed];
    });
    this.#publish(events);
    return reopened;
  }

  #append(
    tx: Pick<Database, "insert">,
    jobId: string,
    type: string,
    data: Record<string, unknown>,
  ): JobEvent {
    return tx
      .insert(jobEvents)
      .values({ jobId, type, data: JSON.stringify(data), createdAt: this.#now() })
      .returning()
      .get();
  }

  #publish(events: JobEvent[]): void {
    if (this.#deferred !== undefined) {
      this.#deferred.push(...events);
      return;
    }
    for (const event of events) this.#bus.publish(event);
  }
}
