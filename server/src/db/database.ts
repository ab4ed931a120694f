import { AsyncLocalStorage } from "node:async_hooks";
import type { SQL } from "drizzle-orm";
import type { AnyPgColumn, PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as pgSchema from "./pgSchema.ts";

/**
 * The tables, typed as PostgreSQL's: the SQLite ones (`schema.ts`) have the same columns and
 * value types, and drizzle's builders take the same calls on both, so the data layer is written
 * once against these types and each backend hands in its own dialect's tables.
 */
export type Tables = {
  jobs: typeof pgSchema.jobs;
  jobEvents: typeof pgSchema.jobEvents;
  tokens: typeof pgSchema.tokens;
  tokenTransfers: typeof pgSchema.tokenTransfers;
  indexedBlocks: typeof pgSchema.indexedBlocks;
  indexerCursors: typeof pgSchema.indexerCursors;
};

/**
 * What reads and writes go through: the builders both dialects share. Results are awaited
 * (`await q.select()...`), never `.get()`/`.all()`, which only SQLite's have.
 */
export type Queries = Pick<
  PgDatabase<PgQueryResultHKT, typeof pgSchema>,
  "select" | "insert" | "update" | "delete"
>;

export type DatabaseKind = "sqlite" | "postgres";

/** The database's state as `GET /api/health` reports it. */
export type DatabaseHealth = { kind: DatabaseKind; ok: boolean; error: string | null };

/**
 * The server's database, SQLite (embedded, the default) or PostgreSQL (`DATABASE_URL`), behind
 * one asynchronous interface. Each backend runs transactions its own way: SQLite's are
 * serialised in this process (one connection), PostgreSQL's are pooled.
 *
 * `transaction` and `read` called while a transaction runs (in its async context) join it, so a
 * store method called from inside another's transaction (the indexer marking jobs minted in its
 * batch) writes in that same transaction.
 */
export interface Database {
  readonly kind: DatabaseKind;
  readonly tables: Tables;
  /** Where it is, for logs: a file path, or PostgreSQL's host and database (no password). */
  readonly location: string;
  /** Runs `work` as one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (q: Queries) => Promise<T>): Promise<T>;
  /** Runs reads, in the current transaction if there is one. */
  read<T>(work: (q: Queries) => Promise<T>): Promise<T>;
  /**
   * Runs a raw statement (a queue library's SQL functions and views), in the current transaction
   * if any, and returns its rows.
   */
  execute<Row extends Record<string, unknown>>(query: SQL): Promise<Row[]>;
  /** Runs `callback` once the current transaction commits (at once outside of one). */
  afterCommit(callback: () => void): void;
  /**
   * Locks the rows a select returns until its transaction ends, skipping rows another
   * transaction holds (PostgreSQL's `FOR UPDATE SKIP LOCKED`); SQLite locks the whole database
   * for a write transaction, so there it returns the query unchanged.
   */
  lockRows<Q>(query: Q, options?: { skipLocked?: boolean }): Q;
  /**
   * Serialises the running transaction with every other one that locks the same key, until they
   * end (PostgreSQL's transaction-level advisory lock); SQLite's write transactions already run
   * one at a time.
   */
  lockKey(key: string): Promise<void>;
  /**
   * Sends `payload` on `channel` to every process listening on this database once the running
   * transaction commits (PostgreSQL's NOTIFY; nothing on SQLite, which one process uses).
   */
  announce(channel: string, payload: string): Promise<void>;
  /**
   * Calls `handler` with each payload announced on `channel` by any process (after its
   * transaction committed), until the returned function is called. On PostgreSQL the listening
   * connection is re-opened after a loss; on SQLite nothing is ever announced.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /** A text or numeric field of a JSON object stored as text. */
  jsonField(column: AnyPgColumn, key: string, type: "text" | "number"): SQL;
  /** Applies the migrations not yet applied; safe on every start and from several processes. */
  migrate(): Promise<void>;
  /**
   * Takes part in electing the one process of the fleet that does `name`'s work (the relayer and
   * the indexer): `onChange(true)` is awaited when this process becomes the leader, and
   * `onChange(false)` when it stops being it (its connection to the database was lost, or it
   * resigned). On PostgreSQL the leader holds a session-level advisory lock on a connection of its
   * own, checked every `checkMs`, and the others try to take it as often; a leader that dies
   * loses it with its session. A process that takes the lock waits one more `checkMs` before it
   * acts, so whatever a deposed leader did right after its last `confirm()` has reached the chain
   * first. SQLite, which only one machine's processes share, makes every caller the leader at
   * once. The first attempt is made before this resolves.
   */
  lead(
    name: string,
    onChange: (leading: boolean) => Promise<void>,
    options?: { checkMs?: number },
  ): Promise<Leadership>;
  health(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

/** A process's part in a leader election (`Database.lead`). */
export type Leadership = {
  /**
   * Whether this process leads at this moment, asked of the database rather than taken from the
   * last periodic check: on PostgreSQL, its lock's session still answers. What a leader checks
   * right before an action only one process may take (a relayer transaction).
   */
  confirm(): Promise<boolean>;
  /** Stops taking part, stepping down first if it leads. */
  resign(): Promise<void>;
};

type Scope = { queries: Queries; committed: (() => void)[] };

/**
 * The part of a backend both share: joining a running transaction, and the callbacks run once it
 * commits. `begin` runs one real transaction of the backend.
 */
export class TransactionScope {
  readonly #current = new AsyncLocalStorage<Scope>();

  /** The running transaction's queries, if any. */
  get queries(): Queries | undefined {
    return this.#current.getStore()?.queries;
  }

  async run<T>(
    begin: (work: (queries: Queries) => Promise<T>) => Promise<T>,
    work: (q: Queries) => Promise<T>,
  ): Promise<T> {
    const outer = this.#current.getStore();
    if (outer !== undefined) return work(outer.queries);
    const committed: (() => void)[] = [];
    const result = await begin((queries) =>
      this.#current.run({ queries, committed }, () => work(queries)),
    );
    for (const callback of committed) callback();
    return result;
  }

  afterCommit(callback: () => void): void {
    const scope = this.#current.getStore();
    if (scope === undefined) callback();
    else scope.committed.push(callback);
  }
}

/** A JSON key as a literal path segment: only plain names are used. */
export function jsonKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a plain JSON key: ${key}`);
  return key;
}
