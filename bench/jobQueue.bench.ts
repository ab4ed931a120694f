// The two maintained PostgreSQL job queues the PostgreSQL mode could deliver work with, on a
// throwaway PostgreSQL 15 cluster: pg-boss (LISTEN/NOTIFY enabled) and graphile-worker (which
// listens by default). `latency` is the median time from a job's insert to its handler starting,
// one job at a time (BENCH_JOBS/10 of them); `throughput` is BENCH_JOBS (default 200) empty jobs
// inserted at once and run with concurrency 4 (polling every 0.5 s besides the notifications), first insert to last handler. Run by
// bench/run.mjs: `npx tsx bench/jobQueue.bench.ts <out.json>`.
import { writeFile } from "node:fs/promises";
import { startPostgres } from "@proofmint/server/platform";
import { Logger, run as runGraphileWorker, makeWorkerUtils } from "graphile-worker";
import { PgBoss } from "pg-boss";

const out = process.argv[2];
const JOBS = Number(process.env.BENCH_JOBS ?? 200);
const CONCURRENCY = 4;

type Queue = {
  /** Registers the handler; resolves once the worker runs. */
  work(handler: (jobId: string) => void): Promise<void>;
  add(jobId: string): Promise<void>;
  addMany(jobIds: string[]): Promise<void>;
  stop(): Promise<void>;
};

async function pgBoss(url: string): Promise<Queue> {
  const boss = new PgBoss({ connectionString: url, useListenNotify: true });
  boss.on("error", (error) => console.error("pg-boss:", error));
  await boss.start();
  await boss.createQueue("bench", { notify: true });
  return {
    async work(handler) {
      await boss.work<{ jobId: string }>(
        "bench",
        {
          localConcurrency: CONCURRENCY,
          batchSize: 1,
          pollingIntervalSeconds: 0.5,
          notifyPollingIntervalSeconds: 0.5,
        },
        async ([job]) => handler(job!.data.jobId),
      );
    },
    async add(jobId) {
      await boss.send("bench", { jobId });
    },
    async addMany(jobIds) {
      await Promise.all(jobIds.map((jobId) => boss.send("bench", { jobId })));
    },
    stop: () => boss.stop({ graceful: false }),
  };
}

const quiet = new Logger(() => () => {});

async function graphileWorker(url: string): Promise<Queue> {
  const utils = await makeWorkerUtils({ connectionString: url, logger: quiet });
  await utils.migrate();
  let runner: Awaited<ReturnType<typeof runGraphileWorker>> | undefined;
  return {
    async work(handler) {
      runner = await runGraphileWorker({
        connectionString: url,
        concurrency: CONCURRENCY,
        noHandleSignals: true,
        pollInterval: 500,
        logger: quiet,
        taskList: {
          bench: async (payload) => handler((payload as { jobId: string }).jobId),
        },
      });
    },
    async add(jobId) {
      await utils.addJob("bench", { jobId });
    },
    async addMany(jobIds) {
      await utils.addJobs(jobIds.map((jobId) => ({ identifier: "bench", payload: { jobId } })));
    },
    async stop() {
      await runner?.stop();
      await utils.release();
    },
  };
}

async function measure(name: string, open: (url: string) => Promise<Queue>, url: string) {
  const queue = await open(url);
  const started = new Map<string, number>();
  let waiting: { remaining: Set<string>; done: () => void } | undefined;
  await queue.work((jobId) => {
    started.set(jobId, performance.now());
    waiting?.remaining.delete(jobId);
    if (waiting?.remaining.size === 0) waiting.done();
  });
  const runAll = (ids: string[], add: () => Promise<void>) =>
    new Promise<void>((resolve, reject) => {
      waiting = { remaining: new Set(ids), done: resolve };
      add().catch(reject);
    });

  console.error(`${name}: working`);
  const latencies: number[] = [];
  for (let index = 0; index < Math.max(5, JOBS / 10); index++) {
    const id = `latency-${index}`;
    const inserted = performance.now();
    await runAll([id], () => queue.add(id));
    latencies.push(started.get(id)! - inserted);
  }
  latencies.sort((a, b) => a - b);
  console.error(`${name}: latency measured`);
  const ids = Array.from({ length: JOBS }, (_, index) => `throughput-${index}`);
  const begun = performance.now();
  await runAll(ids, () => queue.addMany(ids));
  const seconds = (performance.now() - begun) / 1000;
  await queue.stop();
  return [
    {
      name: `${name}: insert to handler, median of ${latencies.length}`,
      value: Math.round(latencies[latencies.length >> 1]! * 10) / 10,
      unit: "ms",
    },
    {
      name: `${name}: ${JOBS} empty jobs, concurrency ${CONCURRENCY}`,
      value: Math.round(JOBS / seconds),
      unit: "jobs/s",
    },
  ];
}

const postgres = await startPostgres();
try {
  const metrics = [
    ...(await measure("pg-boss 12", pgBoss, await postgres.createDatabase("pgboss"))),
    ...(await measure(
      "graphile-worker 0.18",
      graphileWorker,
      await postgres.createDatabase("graphile"),
    )),
  ];
  for (const metric of metrics) console.log(`${metric.name}: ${metric.value} ${metric.unit}`);
  if (out) await writeFile(out, JSON.stringify({ metrics }, null, 2));
} finally {
  await postgres.stop();
}
