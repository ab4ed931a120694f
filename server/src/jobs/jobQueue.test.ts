import { makeWorkerUtils } from "graphile-worker";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { partialServices } from "../testing/partialServices.ts";
import { JobEventBus } from "./jobEventBus.ts";
import { JobQueue } from "./jobQueue.ts";
import { JobStore } from "./jobStore.ts";

const PIPELINE = ["witness", "render", "prove", "verify", "store", "ready"] as const;

/** A job store on a fresh PostgreSQL database with graphile-worker's queue. */
async function queuedStore() {
  const { db, config } = await partialServices({}, { database: "postgres" });
  const logger = createLogger({ level: "error" });
  const queue = new JobQueue({ db, connectionString: config.postgresUrl!.reveal(), logger });
  const jobs = new JobStore({ db, bus: new JobEventBus(), queue });
  /** What the queue holds: key and time of each entry not yet worked on. */
  const entries = async () => {
    const client = new pg.Client({
      connectionString: config.postgresUrl!.reveal(),
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string; run_at: Date }>(
        "select key, run_at from graphile_worker.jobs where locked_at is null order by key",
      );
      return rows.map((row) => ({ key: row.key, runAt: row.run_at.getTime() }));
    } finally {
      await client.end();
    }
  };
  return { db, jobs, queue, entries, url: config.postgresUrl!.reveal() };
}

describe("JobQueue on postgres (graphile-worker)", () => {
  it("queues a job in the transaction that frees it, and only if that transaction commits", async () => {
    const { jobs, entries } = await queuedStore();
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    expect(await entries()).toEqual([{ key: `pipeline:${job.id}`, runAt: job.runAfter }]);

    await expect(
      jobs.transaction(async () => {
        await jobs.create({ prompt: "b", tokenId: 2n, recipient: null });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await entries()).map(({ key }) => key)).toEqual([`pipeline:${job.id}`]);
  });

  it("queues a retry at its backoff time, a released job at once, and a ready relayed job for its mint", async () => {
    const { jobs, entries } = await queuedStore();
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: "0x1" });
    await jobs.claimById({ id: job.id, owner: "p", leaseMs: 60_000, kind: "pipeline" });
    await jobs.recordFailure({
      id: job.id,
      owner: "p",
      code: "X",
      message: "x",
      maxAttempts: 3,
      backoffMs: 5000,
    });
    const [retry] = await entries();
    const stored = await jobs.get(job.id);
    expect(retry).toEqual({ key: `pipeline:${job.id}`, runAt: stored!.runAfter });
    expect(stored!.runAfter).toBeGreaterThan(Date.now() + 3000);
    // Not before its time.
    expect(
      await jobs.claimById({ id: job.id, owner: "p", leaseMs: 60_000, kind: "pipeline" }),
    ).toBeUndefined();

    const other = await jobs.create({ prompt: "b", tokenId: 2n, recipient: "0x1" });
    await jobs.claimById({ id: other.id, owner: "p", leaseMs: 60_000, kind: "pipeline" });
    let from: (typeof PIPELINE)[number] | "validate" = "validate";
    for (const to of PIPELINE) {
      await jobs.completeStage({ id: other.id, owner: "p", from, to });
      from = to;
    }
    await jobs.release({ id: other.id, owner: "p" });
    expect((await entries()).map(({ key }) => key)).toContain(`mint:${other.id}`);
  });

  it("frees an expired lease of a process that died and queues its job again", async () => {
    const { jobs, entries } = await queuedStore();
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    await jobs.claimById({ id: job.id, owner: "dead", leaseMs: 50, kind: "pipeline" });
    expect(await jobs.releaseExpiredLeases()).toBe(0);
    await new Promise((done) => setTimeout(done, 100));
    // The delivered entry was never completed: a stale one, keyed, still queued, is replaced.
    expect(await jobs.releaseExpiredLeases()).toBe(1);
    expect((await jobs.get(job.id))?.leaseOwner).toBeNull();
    expect((await entries()).map(({ key }) => key)).toEqual([`pipeline:${job.id}`]);
  });

  it("queues again the jobs nothing queues (written without the queue), once", async () => {
    const { db, jobs, entries } = await queuedStore();
    const unqueued = new JobStore({ db, bus: new JobEventBus() });
    const job = await unqueued.create({ prompt: "a", tokenId: 1n, recipient: null });
    expect(await entries()).toEqual([]);
    expect(await jobs.offerStranded({ dueBefore: Date.now() + 1 })).toBe(1);
    expect(await entries()).toEqual([{ key: `pipeline:${job.id}`, runAt: job.runAfter }]);
    expect(await jobs.offerStranded({ dueBefore: Date.now() + 1 })).toBe(0);
  });

  it("queues again a job whose entry it gave up on, and deletes such entries", async () => {
    const { jobs, queue, entries, url } = await queuedStore();
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const utils = await makeWorkerUtils({ connectionString: url });
    const giveUp = async () => {
      const { rows } = await utils.withPgClient((client) =>
        client.query<{ id: string }>("select id from graphile_worker.jobs"),
      );
      await utils.permanentlyFailJobs(
        rows.map(({ id }) => id),
        "given up",
      );
    };
    await giveUp();
    expect(await jobs.offerStranded({ dueBefore: Date.now() + 1 })).toBe(1);
    expect(await jobs.offerStranded({ dueBefore: Date.now() + 1 })).toBe(0);
    await giveUp();
    await utils.release();
    await queue.deleteSpentEntries();
    expect(await entries()).toEqual([]);
    expect(await jobs.offerStranded({ dueBefore: Date.now() + 1 })).toBe(1);
    expect((await entries()).map(({ key }) => key)).toEqual([`pipeline:${job.id}`]);
  });

  it("delivers each queued job to a consumer, and again after the consumer failed it", async () => {
    const { jobs, queue } = await queuedStore();
    const delivered: string[] = [];
    let failOnce = true;
    const stop = await queue.consume({
      kind: "pipeline",
      slots: 2,
      take: async (id) => {
        delivered.push(id);
        if (failOnce) {
          failOnce = false;
          throw new Error("the database was lost");
        }
      },
    });
    try {
      const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
      const deadline = Date.now() + 20_000;
      while (delivered.length < 2 && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(delivered).toEqual([job.id, job.id]);
    } finally {
      await stop();
    }
  });
});
