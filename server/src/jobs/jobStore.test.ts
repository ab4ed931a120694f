import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import type { DatabaseKind } from "../db/database.ts";
import { openDatabase } from "../db/openDatabase.ts";
import { partialServices } from "../testing/partialServices.ts";
import { DATABASE_KINDS } from "../testing/testDatabases.ts";
import { JobEventBus } from "./jobEventBus.ts";
import { nextStage } from "@proofmint/core";
import { JobStore } from "./jobStore.ts";

async function freshStore(database: DatabaseKind) {
  const { db, config } = await partialServices({}, { database });
  let now = 1_000_000;
  const bus = new JobEventBus();
  const jobs = new JobStore({ db, bus, now: () => now });
  /**
   * Another claimant: on PostgreSQL through its own connection pool, as another process; on
   * SQLite through the same connection (a second one in this thread would block it on the
   * file lock while the first awaits), where one process's transactions queue on it.
   */
  const secondStore = async () =>
    new JobStore({
      db: database === "postgres" ? await openDatabase({ config }) : db,
      bus: new JobEventBus(),
      now: () => now,
    });
  return { jobs, bus, config, advance: (ms: number) => (now += ms), secondStore };
}

/** A job of `tokenId` taken through every pipeline stage to `ready` by owner "p". */
async function readyJob(jobs: JobStore, tokenId: bigint) {
  const job = await jobs.create({ prompt: "a", tokenId, recipient: null });
  await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
  let stage = "validate" as const as Parameters<typeof jobs.completeStage>[0]["from"];
  for (const to of ["witness", "render", "prove", "verify", "store", "ready"] as const) {
    await jobs.completeStage({ id: job.id, owner: "p", from: stage, to });
    stage = to;
  }
  return job;
}

describe.each(DATABASE_KINDS)("JobStore on %s", (database) => {
  it("gives a job to one claimant at a time, oldest first, until its lease expires", async () => {
    const { jobs, advance } = await freshStore(database);
    const first = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    advance(1);
    await jobs.create({ prompt: "b", tokenId: 2n, recipient: null });
    expect((await jobs.claim({ owner: "p1", leaseMs: 1000, kind: "pipeline" }))?.id).toBe(first.id);
    expect((await jobs.claim({ owner: "p2", leaseMs: 1000, kind: "pipeline" }))?.prompt).toBe("b");
    expect(await jobs.claim({ owner: "p3", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
    expect(await jobs.claim({ owner: "p3", leaseMs: 1000, kind: "mint" })).toBeUndefined();
    advance(1001);
    expect((await jobs.claim({ owner: "p3", leaseMs: 1000, kind: "pipeline" }))?.id).toBe(first.id);
  });

  it("completes a stage once: a lost lease or a second completion changes nothing", async () => {
    const { jobs, bus } = await freshStore(database);
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const seen: string[] = [];
    bus.subscribe(job.id, (event) => seen.push(event.type));
    await jobs.claim({ owner: "p1", leaseMs: 1000, kind: "pipeline" });
    expect(
      await jobs.completeStage({ id: job.id, owner: "p2", from: "validate", to: "witness" }),
    ).toBeUndefined();
    const done = await jobs.completeStage({
      id: job.id,
      owner: "p1",
      from: "validate",
      to: "witness",
      fields: { aigcData: "0x01" },
    });
    expect(done).toMatchObject({ stage: "witness", aigcData: "0x01" });
    expect(
      await jobs.completeStage({ id: job.id, owner: "p1", from: "validate", to: "witness" }),
    ).toBeUndefined();
    expect((await jobs.events(job.id)).filter((event) => event.type === "stage")).toHaveLength(2);
    expect(seen).toEqual(["stage"]);
  });

  it("frees at once the leases of a dead process on this host", async () => {
    const { jobs } = await freshStore(database);
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    await jobs.claim({ owner: `${hostname()}/${dead}/old`, leaseMs: 60_000, kind: "pipeline" });
    await jobs.create({ prompt: "b", tokenId: 2n, recipient: null });
    await jobs.claim({
      owner: `${hostname()}/${process.ppid}/alive`,
      leaseMs: 60_000,
      kind: "pipeline",
    });
    await jobs.create({ prompt: "c", tokenId: 3n, recipient: null });
    await jobs.claim({ owner: "elsewhere/1/x", leaseMs: 60_000, kind: "pipeline" });
    expect(await jobs.releaseOrphanedLeases({ self: `${hostname()}/${process.pid}/new` })).toBe(1);
    expect((await jobs.claim({ owner: "new", leaseMs: 1000, kind: "pipeline" }))?.id).toBe(job.id);
  });

  it("retries a failed attempt with a growing backoff, then fails the job for good", async () => {
    const { jobs, advance } = await freshStore(database);
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const fail = () =>
      jobs.recordFailure({
        id: job.id,
        owner: "p",
        code: "BOOM",
        message: "boom",
        maxAttempts: 2,
        backoffMs: 100,
      });
    await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    expect(await fail()).toBe("retrying");
    expect(await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
    advance(100);
    expect((await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" }))?.id).toBe(job.id);
    expect(await fail()).toBe("failed");
    advance(10_000);
    expect(await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
    expect(await jobs.get(job.id)).toMatchObject({ errorCode: "BOOM" });
    expect(nextStage((await jobs.get(job.id))!)).toBeUndefined();
  });

  it("retries a job whose service is away without using up its attempts", async () => {
    const { jobs, advance } = await freshStore(database);
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const fail = (counted: boolean) =>
      jobs.recordFailure({
        id: job.id,
        owner: "p",
        code: counted ? "BOOM" : "CONTENT_STORE_UNAVAILABLE",
        message: "failed",
        maxAttempts: 2,
        backoffMs: 100,
        counted,
      });
    await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    for (let outage = 0; outage < 5; outage++) {
      expect(await fail(false)).toBe("retrying");
      expect(await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
      advance(100);
      expect((await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" }))?.id).toBe(job.id);
    }
    expect(await jobs.get(job.id)).toMatchObject({ failures: 0, errorCode: null });
    // Counted failures still end the job at maxAttempts.
    expect(await fail(true)).toBe("retrying");
    advance(100);
    await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    expect(await fail(true)).toBe("failed");
  });

  it("lets the process that waits for a service keep the job, recording each wait", async () => {
    const { jobs, advance } = await freshStore(database);
    const job = await jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    await jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    const wait = (owner: string) =>
      jobs.recordFailure({
        id: job.id,
        owner,
        code: "CONTENT_STORE_UNAVAILABLE",
        message: "IPFS is away",
        maxAttempts: 2,
        backoffMs: 100,
        counted: false,
        keepLease: true,
      });
    expect(await wait("p")).toBe("retrying");
    expect(await wait("p")).toBe("retrying");
    advance(100);
    // Still p's: nobody else claims it while p retries.
    expect(await jobs.claim({ owner: "q", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
    expect(await jobs.get(job.id)).toMatchObject({ leaseOwner: "p", failures: 0 });
    expect(await wait("q")).toBe("lost");
    const retries = (await jobs.events(job.id)).filter(({ type }) => type === "retrying");
    expect(retries.map(({ data }) => JSON.parse(data))).toEqual([
      {
        code: "CONTENT_STORE_UNAVAILABLE",
        message: "IPFS is away",
        attempt: 0,
        counted: false,
        maxAttempts: 2,
      },
      {
        code: "CONTENT_STORE_UNAVAILABLE",
        message: "IPFS is away",
        attempt: 0,
        counted: false,
        maxAttempts: 2,
      },
    ]);
  });

  it("marks ready jobs of a minted token as minted and fails those still proving it", async () => {
    const { jobs } = await freshStore(database);
    const ready = await readyJob(jobs, 7n);
    const proving = await jobs.create({ prompt: "a", tokenId: 7n, recipient: "0x1" });
    expect((await jobs.markMinted({ tokenId: 7n, data: {} })).map(({ id }) => id)).toEqual([
      ready.id,
    ]);
    expect((await jobs.get(ready.id))?.stage).toBe("minted");
    expect((await jobs.get(proving.id))?.errorCode).toBe("PROMPT_ALREADY_MINTED");
  });

  it("completes each stage once when two processes claim and complete at the same time", async () => {
    const { jobs, secondStore } = await freshStore(database);
    const other = await secondStore();
    const created = [];
    for (let index = 0; index < 12; index += 1) {
      created.push(
        await jobs.create({ prompt: `p${index}`, tokenId: BigInt(index), recipient: null }),
      );
    }
    const claimAll = async (store: JobStore, owner: string) => {
      const claimed: string[] = [];
      for (;;) {
        const job = await store.claim({ owner, leaseMs: 60_000, kind: "pipeline" });
        if (job === undefined) return claimed;
        claimed.push(job.id);
      }
    };
    const [first, second] = await Promise.all([claimAll(jobs, "p1"), claimAll(other, "p2")]);
    expect([...first, ...second].sort()).toEqual(created.map(({ id }) => id).sort());
    expect(new Set([...first, ...second]).size).toBe(created.length);

    // The same stage completed twice at once (a redelivered job): one completion wins.
    const id = first[0] ?? second[0]!;
    const owner = first.includes(id) ? "p1" : "p2";
    const complete = (store: JobStore) =>
      store.completeStage({
        id,
        owner,
        from: "validate",
        to: "witness",
        fields: { aigcData: "0x01" },
      });
    const results = await Promise.all([complete(jobs), complete(other), complete(jobs)]);
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    const stages = (await jobs.events(id)).filter((event) => event.type === "stage");
    expect(stages.map((event) => JSON.parse(event.data).stage)).toEqual(["validate", "witness"]);
  });

  it("reopens the mints a reorganisation undid and resumes the jobs they superseded", async () => {
    const { jobs } = await freshStore(database);
    const minted = await readyJob(jobs, 7n);
    const superseded = await jobs.create({ prompt: "a", tokenId: 7n, recipient: "0x1" });
    await jobs.markMinted({ tokenId: 7n, data: {} });
    const reopened = await jobs.reopenMints({ tokenIds: ["7"], data: { reason: "test" } });
    expect(reopened.map(({ id }) => id).sort()).toEqual([minted.id, superseded.id].sort());
    expect(await jobs.get(minted.id)).toMatchObject({ stage: "ready", errorCode: null });
    expect(await jobs.get(superseded.id)).toMatchObject({ stage: "validate", errorCode: null });
    expect((await jobs.events(minted.id)).at(-1)?.type).toBe("reorg");
  });
});

describe("JobStore on postgres, two servers", () => {
  it("publishes on each server's bus the events the other appends, in order", async () => {
    const { jobs: first, config } = await freshStore("postgres");
    const otherBus = new JobEventBus();
    const second = new JobStore({ db: await openDatabase({ config }), bus: otherBus });
    const stop = await second.followOtherProcesses();
    try {
      const job = await first.create({ prompt: "a", tokenId: 1n, recipient: null });
      const seen: string[] = [];
      otherBus.subscribe(job.id, (event) => {
        if (event.type === "progress") seen.push(`${event.type}:${JSON.parse(event.data).n}`);
      });
      for (let n = 0; n < 5; n++) await first.note({ id: job.id, type: "progress", data: { n } });
      await expect.poll(() => seen, { timeout: 5000 }).toHaveLength(5);
      expect(seen).toEqual([0, 1, 2, 3, 4].map((n) => `progress:${n}`));
      // Its own events reach its bus once, directly, not again through the database.
      const own: number[] = [];
      otherBus.subscribe(job.id, (event) => own.push(event.id));
      await second.note({ id: job.id, type: "progress", data: { n: 5 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(own).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});

describe("nextStage", () => {
  it("orders the stages, with a mint only when a recipient is set", () => {
    const base = { recipient: null, errorCode: null };
    expect(nextStage({ ...base, stage: "validate" })).toBe("witness");
    expect(nextStage({ ...base, stage: "store" })).toBe("ready");
    expect(nextStage({ ...base, stage: "ready" })).toBeUndefined();
    expect(nextStage({ ...base, stage: "ready", recipient: "0x1" })).toBe("mint");
    expect(nextStage({ ...base, stage: "mint", recipient: "0x1" })).toBeUndefined();
  });
});
