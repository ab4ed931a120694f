import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { partialServices } from "../testing/partialServices.ts";
import { JobEventBus } from "./jobEventBus.ts";
import { nextStage } from "@proofmint/core";
import { JobStore } from "./jobStore.ts";

async function freshStore() {
  const { db } = await partialServices();
  let now = 1_000_000;
  const bus = new JobEventBus();
  const jobs = new JobStore({ db, bus, now: () => now });
  return { jobs, bus, advance: (ms: number) => (now += ms) };
}

describe("JobStore", () => {
  it("gives a job to one claimant at a time, oldest first, until its lease expires", async () => {
    const { jobs, advance } = await freshStore();
    const first = jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    advance(1);
    jobs.create({ prompt: "b", tokenId: 2n, recipient: null });
    expect(jobs.claim({ owner: "p1", leaseMs: 1000, kind: "pipeline" })?.id).toBe(first.id);
    expect(jobs.claim({ owner: "p2", leaseMs: 1000, kind: "pipeline" })?.prompt).toBe("b");
    expect(jobs.claim({ owner: "p3", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
    expect(jobs.claim({ owner: "p3", leaseMs: 1000, kind: "mint" })).toBeUndefined();
    advance(1001);
    expect(jobs.claim({ owner: "p3", leaseMs: 1000, kind: "pipeline" })?.id).toBe(first.id);
  });

  it("completes a stage once: a lost lease or a second completion changes nothing", async () => {
    const { jobs, bus } = await freshStore();
    const job = jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const seen: string[] = [];
    bus.subscribe(job.id, (event) => seen.push(event.type));
    jobs.claim({ owner: "p1", leaseMs: 1000, kind: "pipeline" });
    expect(
      jobs.completeStage({ id: job.id, owner: "p2", from: "validate", to: "witness" }),
    ).toBeUndefined();
    const done = jobs.completeStage({
      id: job.id,
      owner: "p1",
      from: "validate",
      to: "witness",
      fields: { aigcData: "0x01" },
    });
    expect(done).toMatchObject({ stage: "witness", aigcData: "0x01" });
    expect(
      jobs.completeStage({ id: job.id, owner: "p1", from: "validate", to: "witness" }),
    ).toBeUndefined();
    expect(jobs.events(job.id).filter((event) => event.type === "stage")).toHaveLength(2);
    expect(seen).toEqual(["stage"]);
  });

  it("frees at once the leases of a dead process on this host", async () => {
    const { jobs } = await freshStore();
    const job = jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    jobs.claim({ owner: `${hostname()}/${dead}/old`, leaseMs: 60_000, kind: "pipeline" });
    jobs.create({ prompt: "b", tokenId: 2n, recipient: null });
    jobs.claim({ owner: `${hostname()}/${process.ppid}/alive`, leaseMs: 60_000, kind: "pipeline" });
    jobs.create({ prompt: "c", tokenId: 3n, recipient: null });
    jobs.claim({ owner: "elsewhere/1/x", leaseMs: 60_000, kind: "pipeline" });
    expect(jobs.releaseOrphanedLeases({ self: `${hostname()}/${process.pid}/new` })).toBe(1);
    expect(jobs.claim({ owner: "new", leaseMs: 1000, kind: "pipeline" })?.id).toBe(job.id);
  });

  it("retries a failed attempt with a growing backoff, then fails the job for good", async () => {
    const { jobs, advance } = await freshStore();
    const job = jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
    const fail = () =>
      jobs.recordFailure({
        id: job.id,
        owner: "p",
        code: "BOOM",
        message: "boom",
        maxAttempts: 2,
        backoffMs: 100,
      });
    jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    expect(fail()).toBe("retrying");
    expect(jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
    advance(100);
    expect(jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })?.id).toBe(job.id);
    expect(fail()).toBe("failed");
    advance(10_000);
    expect(jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
    expect(jobs.get(job.id)).toMatchObject({ errorCode: "BOOM" });
    expect(nextStage(jobs.get(job.id)!)).toBeUndefined();
  });

  it("retries a job whose service is away without using up its attempts", async () => {
    const { jobs, advance } = await freshStore();
    const job = jobs.create({ prompt: "a", tokenId: 1n, recipient: null });
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
    jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    for (let outage = 0; outage < 5; outage++) {
      expect(fail(false)).toBe("retrying");
      expect(jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })).toBeUndefined();
      advance(100);
      expect(jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" })?.id).toBe(job.id);
    }
    expect(jobs.get(job.id)).toMatchObject({ failures: 0, errorCode: null });
    // Counted failures still end the job at maxAttempts.
    expect(fail(true)).toBe("retrying");
    advance(100);
    jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    expect(fail(true)).toBe("failed");
  });

  it("marks ready jobs of a minted token as minted and fails those still proving it", async () => {
    const { jobs } = await freshStore();
    const ready = jobs.create({ prompt: "a", tokenId: 7n, recipient: null });
    jobs.claim({ owner: "p", leaseMs: 1000, kind: "pipeline" });
    let stage = "validate" as const as Parameters<typeof jobs.completeStage>[0]["from"];
    for (const to of ["witness", "render", "prove", "verify", "store", "ready"] as const) {
      jobs.completeStage({ id: ready.id, owner: "p", from: stage, to });
      stage = to;
    }
    const proving = jobs.create({ prompt: "a", tokenId: 7n, recipient: "0x1" });
    expect(jobs.markMinted({ tokenId: 7n, data: {} }).map(({ id }) => id)).toEqual([ready.id]);
    expect(jobs.get(ready.id)?.stage).toBe("minted");
    expect(jobs.get(proving.id)?.errorCode).toBe("PROMPT_ALREADY_MINTED");
  });

  it("orders the stages, with a mint only when a recipient is set", () => {
    const base = { recipient: null, errorCode: null };
    expect(nextStage({ ...base, stage: "validate" })).toBe("witness");
    expect(nextStage({ ...base, stage: "store" })).toBe("ready");
    expect(nextStage({ ...base, stage: "ready" })).toBeUndefined();
    expect(nextStage({ ...base, stage: "ready", recipient: "0x1" })).toBe("mint");
    expect(nextStage({ ...base, stage: "mint", recipient: "0x1" })).toBeUndefined();
  });
});
