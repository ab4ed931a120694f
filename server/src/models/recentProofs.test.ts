import { describe, expect, it } from "vitest";
import { partialServices } from "../testing/partialServices.ts";
import { JobEventBus } from "../jobs/jobEventBus.ts";
import { JobStore, PIPELINE_STAGES } from "../jobs/jobStore.ts";
import { DATABASE_KINDS } from "../testing/testDatabases.ts";
import { recentProofs } from "./recentProofs.ts";

describe.each(DATABASE_KINDS)("recentProofs on %s", (database) => {
  it("is empty before the first proof", async () => {
    const { jobs } = await partialServices({}, { database });
    expect(await recentProofs({ jobs })).toEqual({
      count: 0,
      proveMedianMs: null,
      readyMedianMs: null,
    });
  });

  it("takes the medians of the last proofs: prove stage time and prompt to ready", async () => {
    const { db } = await partialServices({}, { database });
    let now = 1_000_000;
    const jobs = new JobStore({ db, bus: new JobEventBus(), now: () => now });
    const proofs = [
      { prove: 9000, wait: 12_000 },
      { prove: 7000, wait: 10_000 },
      { prove: 8000, wait: 11_000 },
    ];
    for (const [index, { prove, wait }] of proofs.entries()) {
      const created = now;
      const job = await jobs.create({ prompt: `p${index}`, tokenId: BigInt(index), recipient: null });
      await jobs.claim({ owner: "o", leaseMs: 60_000, kind: "pipeline" });
      const stages = [...PIPELINE_STAGES.slice(1), "ready"] as const;
      let from: (typeof PIPELINE_STAGES)[number] | "ready" = "validate";
      for (const to of stages) {
        if (to === "ready") now = created + wait;
        await jobs.completeStage({
          id: job.id,
          owner: "o",
          from,
          to,
          data: { ms: to === "prove" ? prove : 5 },
        });
        from = to;
      }
      now += 1000;
    }
    expect(await recentProofs({ jobs })).toEqual({
      count: 3,
      proveMedianMs: 8000,
      readyMedianMs: 11_000,
    });
    expect(await recentProofs({ jobs, limit: 2 })).toMatchObject({ count: 2, proveMedianMs: 7500 });
  });
});
