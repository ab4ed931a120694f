// The embedded database, SQLite against PGlite (PostgreSQL compiled to WebAssembly, in-process,
// with a file-backed data directory; issue 14): would PGlite do as the default? Both run the job
// store's own hot path (server/src/jobs/jobStore.ts through drizzle): SQLite as the server opens it
// (openSqliteDatabase: WAL, synchronous=NORMAL), PGlite through a `Database` written here over
// drizzle-orm/pglite with the PostgreSQL schema and migrations, as committed and with its
// `relaxedDurability` option. Per backend, each in a process of its own:
// - cold start: a new data directory opened and migrated, and an existing one (what `npm start` does);
// - hot path: BENCH_JOBS (default 200) jobs one after another, each `create` + `claim` + 7
//   `completeStage` (validate to mint, each with its event) + `release`: ms per job (median over
//   BENCH_RUNS runs, default 3) and jobs/s;
// - reads: a job by id, a job's events (the stream's replay), the latest 50 events of a job of 100;
// - resident memory the process gained from before loading the driver to after the hot path;
// - kill -9: a child opens the database and commits jobs (a job row and its event, `create`) in a
//   loop, printing each job's id once its commit resolved; it is SIGKILLed 1 to 2 s after its first
//   commit, then another process opens the same directory (migrating, as a server start does) and
//   looks for every printed id. BENCH_KILLS (default 10) rounds on one directory, as the drills
//   restart on one; a directory that does not open is replaced by a new one for the next round.
// The 1-minute load average is recorded at start and end (2 shared cores: wall times vary).
// Run by bench/run.mjs: `npx tsx bench/embeddedDatabase.bench.ts <out.json>`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { GENERATION_STAGES } from "@proofmint/core";
import type { SQL } from "drizzle-orm";
import {
  TransactionScope,
  type Database,
  type Queries,
  type Tables,
} from "../server/src/db/database.ts";
import { JobEventBus } from "../server/src/jobs/jobEventBus.ts";
import { JobStore } from "../server/src/jobs/jobStore.ts";
import { median, round } from "./statistics.ts";

const root = resolve(import.meta.dirname, "..");
const BACKENDS = ["sqlite", "pglite", "pglite-relaxed"] as const;
type Backend = (typeof BACKENDS)[number];
const JOBS = Number(process.env.BENCH_JOBS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KILLS = Number(process.env.BENCH_KILLS ?? 10);
const TWO_OPENER_ROUNDS = Number(process.env.BENCH_TWO_OPENERS ?? 3);
/** How long a reopen after a kill may take before it counts as not opening. */
const OPEN_TIMEOUT_MS = 120_000;
/** The 7 stage completions of a job relayed to its mint: validate to mint. */
const STAGES = GENERATION_STAGES.slice(0, GENERATION_STAGES.indexOf("mint") + 1);

/** Resident MiB, after a full garbage collection (children run with --expose-gc). */
const mib = () => {
  globalThis.gc?.();
  return round(process.memoryUsage.rss() / 2 ** 20, 1);
};
/** MiB V8 holds for the JavaScript heap (part of RSS, the database engine's own memory is not). */
const heapMiB = () => round(process.memoryUsage().heapTotal / 2 ** 20, 1);
const load = () => round(loadavg()[0]!, 2);

/** PGlite behind the server's `Database` interface: one connection, so turns are taken as SQLite's. */
async function openPglite(dir: string, relaxedDurability: boolean): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const schema = await import("../server/src/db/pgSchema.ts");
  const client = new PGlite(dir, { relaxedDurability });
  await client.waitReady;
  const db = drizzle({ client, schema });
  const scope = new TransactionScope();
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work);
    turn = result.catch(() => undefined);
    return result;
  };
  const unused = () => {
    throw new Error("not used by this benchmark");
  };
  return {
    kind: "postgres",
    tables: schema as unknown as Tables,
    location: dir,
    transaction: (work) =>
      scope.run(
        (begin) => exclusive(() => db.transaction((tx) => begin(tx as unknown as Queries))),
        work,
      ),
    read: (work) => {
      const current = scope.queries;
      return current === undefined
        ? exclusive(() => work(db as unknown as Queries))
        : work(current);
    },
    execute: async <Row extends Record<string, unknown>>(query: SQL) => {
      const run = async () => (await db.execute(query)).rows as Row[];
      return scope.queries === undefined ? exclusive(run) : run();
    },
    afterCommit: (callback) => scope.afterCommit(callback),
    lockRows: (query, { skipLocked = false } = {}) =>
      (query as { for: (strength: "update", config: object) => unknown }).for(
        "update",
        skipLocked ? { skipLocked: true } : {},
      ) as typeof query,
    lockKey: async () => {},
    announce: async () => {},
    listen: async () => async () => {},
    jsonField: unused,
    migrate: async () => {
      await migrate(db, { migrationsFolder: join(root, "server/drizzle-pg") });
    },
    lead: unused,
    health: async () => ({ kind: "postgres", ok: !client.closed, error: null }),
    close: async () => {
      await turn;
      await client.close();
    },
  };
}

/** Opens and migrates `backend`'s database in `dir`, as a server start does. */
async function open(backend: Backend, dir: string): Promise<Database> {
  let db: Database;
  if (backend === "sqlite") {
    const { openSqliteDatabase } = await import("../server/src/db/sqliteDatabase.ts");
    db = openSqliteDatabase({ path: join(dir, "proofmint.db") });
  } else {
    db = await openPglite(join(dir, "pgdata"), backend === "pglite-relaxed");
  }
  await db.migrate();
  return db;
}

async function engineVersion(db: Database): Promise<string> {
  const { sql } = await import("drizzle-orm");
  const [row] = await db.execute<{ v: string }>(
    db.kind === "sqlite" ? sql`select sqlite_version() as v` : sql`select version() as v`,
  );
  return String(row?.v);
}

/** One job through the hot path; returns each operation's milliseconds. */
async function oneJob(store: JobStore, index: number): Promise<Record<string, number>> {
  const times: Record<string, number> = { create: 0, claim: 0, completeStage: 0, release: 0 };
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    times[name]! += performance.now() - started;
    return result;
  };
  const owner = `bench/${process.pid}/${index}`;
  const job = await timed("create", () =>
    store.create({
      prompt: `a bench prompt number ${index} ${Math.random()}`,
      tokenId: BigInt(index) * 7919n,
      recipient: "0x00000000000000000000000000000000000000b1",
    }),
  );
  const claimed = await timed("claim", () =>
    store.claim({ owner, leaseMs: 60_000, kind: "pipeline" }),
  );
  if (claimed?.id !== job.id) throw new Error(`claimed ${claimed?.id}, expected ${job.id}`);
  for (let step = 0; step + 1 < STAGES.length; step++) {
    const [from, to] = [STAGES[step]!, STAGES[step + 1]!];
    const row = await timed("completeStage", () =>
      store.completeStage({
        id: job.id,
        owner,
        from,
        to,
        fields: to === "store" ? { proofCid: `bafy${index}` } : {},
        data: { ms: 1234, cid: `bafy${index}` },
      }),
    );
    if (row?.stage !== to) throw new Error(`stage ${from} -> ${to} of ${job.id} not recorded`);
  }
  await timed("release", () => store.release({ id: job.id, owner }));
  return times;
}

async function timeReads(work: () => Promise<unknown>, count = 200): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return round(median(samples), 3);
}

/** Child: cold start, hot path, reads and memory of one backend in a new directory. */
async function perfWorker(backend: Backend, dir: string) {
  const rssBefore = mib();
  const heapBefore = heapMiB();
  const opening = performance.now();
  const db = await open(backend, dir);
  const openNewMs = performance.now() - opening;
  const rssOpened = mib();
  const store = new JobStore({ db, bus: new JobEventBus() });
  for (let i = 0; i < 5; i++) await oneJob(store, -1 - i); // warm-up, not counted
  const perOp: Record<string, number[]> = {};
  const ids: string[] = [];
  const started = performance.now();
  for (let i = 0; i < JOBS; i++) {
    for (const [name, ms] of Object.entries(await oneJob(store, i))) {
      (perOp[name] ??= []).push(ms);
    }
  }
  const hotMs = performance.now() - started;
  const { jobs, jobEvents } = db.tables;
  const { desc, eq } = await import("drizzle-orm");
  for (const row of await db.read((q) => q.select({ id: jobs.id }).from(jobs))) ids.push(row.id);
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  const busy = await store.create({ prompt: "a busy job", tokenId: 1n, recipient: null });
  for (let i = 0; i < 99; i++) await store.note({ id: busy.id, type: "note", data: { i } });
  const reads = {
    jobById: await timeReads(() => store.get(pick())),
    jobEvents: await timeReads(() => store.events(pick())),
    latest50Events: await timeReads(() =>
      db.read((q) =>
        q
          .select()
          .from(jobEvents)
          .where(eq(jobEvents.jobId, busy.id))
          .orderBy(desc(jobEvents.id))
          .limit(50),
      ),
    ),
  };
  const rssAfter = mib();
  const heapAfter = heapMiB();
  const engine = await engineVersion(db);
  await db.close();
  return {
    engine,
    openNewMs: round(openNewMs, 1),
    msPerJob: round(hotMs / JOBS, 3),
    perOpMedianMs: Object.fromEntries(
      Object.entries(perOp).map(([name, samples]) => [name, round(median(samples), 3)]),
    ),
    reads,
    rssBefore,
    rssOpened,
    rssAfter,
    heapBefore,
    heapAfter,
  };
}

/** Child: opens an existing directory (a restart), migrating. */
async function openWorker(backend: Backend, dir: string) {
  const rssBefore = mib();
  const opening = performance.now();
  const db = await open(backend, dir);
  const openExistingMs = performance.now() - opening;
  const rssOpened = mib();
  await db.close();
  return { openExistingMs: round(openExistingMs, 1), rssBefore, rssOpened };
}

/** Child: commits jobs in a loop, printing each id once its commit returned, until killed. */
async function writeWorker(backend: Backend, dir: string) {
  const db = await open(backend, dir);
  const store = new JobStore({ db, bus: new JobEventBus() });
  for (let i = 0; ; i++) {
    const job = await store.create({
      prompt: `kill drill ${process.pid} ${i}`,
      tokenId: BigInt(i),
      recipient: null,
    });
    // A pipe's write is synchronous on Linux: the id is in the pipe before the next commit.
    process.stdout.write(`${job.id}\n`);
  }
}

/** Child: reopens after a kill and counts the acknowledged jobs (and their events) present. */
async function verifyWorker(backend: Backend, dir: string, ackFile: string) {
  const acknowledged = readFileSync(ackFile, "utf8").split("\n").filter(Boolean);
  const db = await open(backend, dir);
  const { jobs, jobEvents } = db.tables;
  const present = new Set<string>();
  const withEvent = new Set<string>();
  for (const row of await db.read((q) => q.select({ id: jobs.id }).from(jobs))) present.add(row.id);
  for (const row of await db.read((q) => q.select({ id: jobEvents.jobId }).from(jobEvents))) {
    withEvent.add(row.id);
  }
  await db.close();
  return {
    acknowledged: acknowledged.length,
    lostJobs: acknowledged.filter((id) => !present.has(id)).length,
    lostEvents: acknowledged.filter((id) => !withEvent.has(id)).length,
    rows: present.size,
  };
}

const child = (args: string[]) => [
  ...process.execArgv,
  "--expose-gc",
  import.meta.filename,
  "--child",
  ...args,
];

/** Runs a child to completion and returns the JSON it printed last. */
function runChild<T>(args: string[], timeoutMs = 600_000): T {
  const result = spawnSync(process.execPath, child(args), {
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0) {
    const why = result.error?.message ?? `exit ${result.status} ${result.signal ?? ""}`;
    throw new Error(`${args.join(" ")}: ${why}\n${result.stderr.slice(-2000)}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as T;
}

type Writer = {
  /** Ids whose commit had returned when the writer printed them. */
  acks: string[];
  /** Resolves at the first acknowledged commit (never if none). */
  firstAck: Promise<void>;
  /** Resolves when the writer has ended: undefined if this side killed it, else why it ended. */
  ended: Promise<string | undefined>;
  kill(): void;
};

/** Starts a child committing jobs into `dir` (`writeWorker`) and collects what it acknowledges. */
function startWriter(backend: Backend, dir: string): Writer {
  const writer = spawn(process.execPath, child(["write", backend, dir]), {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let buffered = "";
  let stderr = "";
  let killed = false;
  const acks: string[] = [];
  let acknowledged!: () => void;
  const firstAck = new Promise<void>((done) => (acknowledged = done));
  // A writer whose directory never opens is given up on.
  const giveUp = setTimeout(() => writer.kill("SIGKILL"), OPEN_TIMEOUT_MS);
  writer.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop()!; // an unfinished line was not acknowledged
    acks.push(...lines.filter(Boolean));
    if (acks.length > 0) acknowledged();
  });
  writer.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const ended = new Promise<string | undefined>((done) =>
    writer.on("close", (code, signal) => {
      clearTimeout(giveUp);
      done(killed ? undefined : `writer ended (${code ?? signal}): ${stderr.slice(-500)}`);
    }),
  );
  return {
    acks,
    firstAck,
    ended,
    kill: () => {
      killed = true;
      writer.kill("SIGKILL");
    },
  };
}

const sleep = (ms: number) =>
  new Promise<undefined>((done) => setTimeout(() => done(undefined), ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

type Verified = { acknowledged: number; lostJobs: number; lostEvents: number; rows: number };
type Round = {
  committed: number;
  opened: boolean;
  lostJobs: number;
  lostEvents: number;
  note?: string;
  error?: string;
};

/** Reopens `dir` in a new process and looks for every acknowledged job. */
function verify(backend: Backend, dir: string, acknowledged: string[]): Verified {
  const ackFile = `${dir}.acks`;
  writeFileSync(ackFile, acknowledged.join("\n"));
  try {
    return runChild<Verified>(["verify", backend, dir, ackFile], OPEN_TIMEOUT_MS);
  } finally {
    rmSync(ackFile, { force: true });
  }
}

const newDir = (backend: Backend) => mkdtempSync(join(tmpdir(), `proofmint-kill-${backend}-`));

/**
 * The round after a writer ended: `why` it ended if not killed here (its directory did not open),
 * else the reopen's count of the `acknowledged` jobs; a directory that does not open loses them all.
 */
function reopenRound(
  backend: Backend,
  dir: string,
  {
    committed,
    acknowledged,
    why,
    note,
  }: {
    committed: number;
    acknowledged: string[];
    why: string | undefined;
    note?: string;
  },
): Round {
  const extra = note === undefined ? {} : { note };
  try {
    if (why !== undefined) throw new Error(why);
    return { committed, opened: true, ...verify(backend, dir, acknowledged), ...extra };
  } catch (error) {
    const lost = acknowledged.length;
    const message = (error as Error).message.slice(0, 600);
    return { committed, opened: false, lostJobs: lost, lostEvents: lost, ...extra, error: message };
  }
}

/**
 * KILLS writers on one directory, each SIGKILLed 1-2 s after its first commit, each followed by
 * a reopen; a directory that does not open is replaced by a new one for the next round.
 */
async function killDrill(backend: Backend): Promise<Round[]> {
  let dir = newDir(backend);
  const dirs = [dir];
  let acknowledged: string[] = [];
  const rounds: Round[] = [];
  for (let k = 0; k < KILLS; k++) {
    const writer = startWriter(backend, dir);
    const stopped = await Promise.race([
      writer.firstAck.then(() => sleep(between(1000, 2000))),
      writer.ended,
    ]);
    writer.kill();
    const why = stopped ?? (await writer.ended);
    acknowledged.push(...writer.acks);
    const committed = writer.acks.length;
    const round = reopenRound(backend, dir, { committed, acknowledged, why });
    if (!round.opened) {
      dir = newDir(backend);
      dirs.push(dir);
      acknowledged = [];
    }
    rounds.push(round);
    console.error(`${backend} kill ${k + 1}/${KILLS}: ${JSON.stringify(round)}`);
  }
  for (const used of dirs) rmSync(used, { recursive: true, force: true });
  return rounds;
}

/**
 * KILLS first starts killed while they may still be creating the database (a random 0.3 to 5 s
 * after the process started, PGlite's initdb included), each on a new directory, then reopened.
 */
async function firstStartKillDrill(backend: Backend): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let k = 0; k < KILLS; k++) {
    const dir = newDir(backend);
    const writer = startWriter(backend, dir);
    const killAt = between(300, 5000);
    const stopped = await Promise.race([sleep(killAt), writer.ended]);
    const note = `killed ${Math.round(killAt)} ms after the process started`;
    writer.kill();
    const why = stopped ?? (await writer.ended);
    const { acks } = writer;
    const round = reopenRound(backend, dir, {
      committed: acks.length,
      acknowledged: acks,
      why,
      note,
    });
    rmSync(dir, { recursive: true, force: true });
    rounds.push(round);
    console.error(`${backend} first-start kill ${k + 1}/${KILLS}: ${JSON.stringify(round)}`);
  }
  return rounds;
}

/**
 * A second process opening the directory while a first one commits (a second server, a prover
 * process, a script): does it fail, commit beside the first, and does the directory open after
 * both are killed? `TWO_OPENER_ROUNDS` rounds, each on a new directory.
 */
async function secondOpenerDrill(backend: Backend): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let k = 0; k < TWO_OPENER_ROUNDS; k++) {
    const dir = newDir(backend);
    const first = startWriter(backend, dir);
    await Promise.race([first.firstAck, first.ended]);
    const second = startWriter(backend, dir);
    const secondEnded = await Promise.race([
      second.firstAck.then(() => sleep(1500)),
      second.ended.then((why) => why ?? "killed"),
      sleep(20_000).then(() => "did not commit within 20 s"),
    ]);
    first.kill();
    second.kill();
    const firstWhy = await first.ended;
    await second.ended;
    const acks = [...first.acks, ...second.acks];
    const note = `first: ${first.acks.length} commits${firstWhy === undefined ? "" : ` (${firstWhy.slice(0, 200)})`}; second: ${second.acks.length} commits${secondEnded === undefined ? "" : ` (${secondEnded.slice(0, 300)})`}`;
    const round = reopenRound(backend, dir, {
      committed: acks.length,
      acknowledged: acks,
      why: undefined,
      note,
    });
    rmSync(dir, { recursive: true, force: true });
    rounds.push(round);
    console.error(
      `${backend} second opener ${k + 1}/${TWO_OPENER_ROUNDS}: ${JSON.stringify(round)}`,
    );
  }
  return rounds;
}

function version(name: string): string {
  return (
    JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
}

async function main() {
  const out = process.argv[2];
  const loadStart = load();
  console.error(
    `load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  const perf: Record<
    Backend,
    ReturnType<typeof perfWorker> extends Promise<infer R> ? R[] : never
  > = { sqlite: [], pglite: [], "pglite-relaxed": [] };
  const reopen: Record<Backend, Awaited<ReturnType<typeof openWorker>>[]> = {
    sqlite: [],
    pglite: [],
    "pglite-relaxed": [],
  };
  for (let run = 0; run < RUNS; run++) {
    for (const backend of BACKENDS) {
      const dir = mkdtempSync(join(tmpdir(), `proofmint-embedded-${backend}-`));
      try {
        perf[backend].push(runChild(["perf", backend, dir]));
        reopen[backend].push(runChild(["open", backend, dir]));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      console.error(`${backend} run ${run + 1}/${RUNS}: ${JSON.stringify(perf[backend].at(-1))}`);
    }
  }
  const kills = {} as Record<Backend, Round[]>;
  const firstStartKills = {} as Record<Backend, Round[]>;
  const secondOpeners = {} as Record<Backend, Round[]>;
  for (const backend of BACKENDS) {
    kills[backend] = await killDrill(backend);
    firstStartKills[backend] = await firstStartKillDrill(backend);
    secondOpeners[backend] = await secondOpenerDrill(backend);
  }
  const loadEnd = load();

  const metrics: { name: string; value: number; unit: string }[] = [];
  for (const backend of BACKENDS) {
    const runs = perf[backend];
    const med = (pick: (run: (typeof runs)[number]) => number, digits = 2) =>
      round(median(runs.map(pick)), digits);
    const msPerJob = med((run) => run.msPerJob, 3);
    const rounds = kills[backend];
    metrics.push(
      {
        name: `${backend}: open + migrate, new directory`,
        value: med((r) => r.openNewMs, 1),
        unit: "ms",
      },
      {
        name: `${backend}: open + migrate, existing directory`,
        value: round(median(reopen[backend].map((r) => r.openExistingMs)), 1),
        unit: "ms",
      },
      {
        name: `${backend}: hot path per job (create, claim, 7 stages, release)`,
        value: msPerJob,
        unit: "ms",
      },
      { name: `${backend}: hot path throughput`, value: round(1000 / msPerJob, 1), unit: "jobs/s" },
      { name: `${backend}: create`, value: med((r) => r.perOpMedianMs.create!, 3), unit: "ms" },
      { name: `${backend}: claim`, value: med((r) => r.perOpMedianMs.claim!, 3), unit: "ms" },
      {
        name: `${backend}: 7 completeStage`,
        value: med((r) => r.perOpMedianMs.completeStage!, 3),
        unit: "ms",
      },
      { name: `${backend}: release`, value: med((r) => r.perOpMedianMs.release!, 3), unit: "ms" },
      { name: `${backend}: read a job by id`, value: med((r) => r.reads.jobById, 3), unit: "ms" },
      {
        name: `${backend}: read a job's events`,
        value: med((r) => r.reads.jobEvents, 3),
        unit: "ms",
      },
      {
        name: `${backend}: read the latest 50 events of a job`,
        value: med((r) => r.reads.latest50Events, 3),
        unit: "ms",
      },
      {
        name: `${backend}: resident memory added by open + migrate`,
        value: med((r) => r.rssOpened - r.rssBefore, 1),
        unit: "MiB",
      },
      {
        name: `${backend}: resident memory added after ${JOBS} jobs`,
        value: med((r) => r.rssAfter - r.rssBefore, 1),
        unit: "MiB",
      },
      {
        name: `${backend}: of which JavaScript heap`,
        value: med((r) => r.heapAfter - r.heapBefore, 1),
        unit: "MiB",
      },
      {
        name: `${backend}: kill -9 mid-commit, reopened`,
        value: rounds.filter((r) => r.opened).length,
        unit: `of ${KILLS}`,
      },
      {
        name: `${backend}: kill -9 mid-commit, reopens missing an acknowledged job or event`,
        value: rounds.filter((r) => r.opened && r.lostJobs + r.lostEvents > 0).length,
        unit: `of ${rounds.filter((r) => r.opened).length}`,
      },
      {
        name: `${backend}: kill -9 mid-commit, commits acknowledged before the kills`,
        value: rounds.reduce((sum, r) => sum + r.committed, 0),
        unit: "jobs",
      },
      {
        name: `${backend}: kill -9 during the first start, reopened`,
        value: firstStartKills[backend].filter((r) => r.opened).length,
        unit: `of ${KILLS}`,
      },
      {
        name: `${backend}: a second process opened the directory, reopened after`,
        value: secondOpeners[backend].filter((r) => r.opened).length,
        unit: `of ${TWO_OPENER_ROUNDS}`,
      },
      {
        name: `${backend}: a second process opened the directory, reopens missing an acknowledged job`,
        value: secondOpeners[backend].filter((r) => r.opened && r.lostJobs + r.lostEvents > 0)
          .length,
        unit: `of ${secondOpeners[backend].filter((r) => r.opened).length}`,
      },
    );
  }
  const result = {
    metrics,
    // `loadAverage` (one number, before the run) is what bench/run.mjs records for every bench.
    loadAverages: { start: loadStart, end: loadEnd },
    versions: {
      node: process.version,
      "@electric-sql/pglite": version("@electric-sql/pglite"),
      "better-sqlite3": version("better-sqlite3"),
      "drizzle-orm": version("drizzle-orm"),
      sqlite: perf.sqlite[0]?.engine,
      pglite: perf.pglite[0]?.engine,
    },
    settings: { jobs: JOBS, runs: RUNS, kills: KILLS },
    runs: perf,
    reopen,
    kills,
    firstStartKills,
    secondOpeners,
  };
  console.log(`load average: ${loadStart} at start, ${loadEnd} at end`);
  console.table(metrics.map(({ name, value, unit }) => ({ metric: name, value, unit })));
  if (out) await writeFile(out, JSON.stringify(result, null, 2));
}

if (process.argv[2] === "--child") {
  const [mode, backend, dir, ackFile] = process.argv.slice(3) as [string, Backend, string, string];
  const workers: Record<string, () => Promise<unknown>> = {
    perf: () => perfWorker(backend, dir),
    open: () => openWorker(backend, dir),
    write: () => writeWorker(backend, dir),
    verify: () => verifyWorker(backend, dir, ackFile),
  };
  const result = await workers[mode]!();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await main();
}
