import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { partialServices } from "../testing/partialServices.ts";
import { JobFiles } from "./jobFiles.ts";
import { JobRunner } from "./jobRunner.ts";
import { missingJobFiles } from "./missingJobFiles.ts";
import type { StageParts } from "./runJob.ts";

describe("a job resumed without its files", () => {
  it("names the files a stage and the later ones need that this folder lacks", async () => {
    const workDir = await mkdtemp(join(tmpdir(), "proofmint-files-"));
    const files = new JobFiles({ workDir, jobId: "j1" });
    expect(await missingJobFiles({ stage: "witness", files })).toEqual([]);
    expect(await missingJobFiles({ stage: "prove", files })).toEqual([
      files.witness,
      files.output,
      files.image,
    ]);
    await files.write(files.witness, new Uint8Array([1]));
    await files.write(files.output, new Uint8Array([2]));
    expect(await missingJobFiles({ stage: "render", files })).toEqual([]);
    expect(await missingJobFiles({ stage: "store", files })).toEqual([files.image, files.proof]);
    await rm(workDir, { recursive: true, force: true });
  });

  // No prover, chain or store is given (the parts are empty): the rewind happens before any
  // stage runs, which is what this shows.
  it("restarts from the witness stage on the prover that resumed it, counting one retry (parts unused)", async () => {
    const { db, jobs } = await partialServices();
    const job = await jobs.create({ prompt: "a fox", tokenId: 5n, recipient: null });
    // Another prover did witness and render in its own folder, then died.
    await jobs.claim({ owner: "gone/1/x", leaseMs: 1, kind: "pipeline" });
    await jobs.completeStage({ id: job.id, owner: "gone/1/x", from: "validate", to: "witness" });
    await jobs.completeStage({ id: job.id, owner: "gone/1/x", from: "witness", to: "render" });
    await new Promise((done) => setTimeout(done, 5));

    const workDir = await mkdtemp(join(tmpdir(), "proofmint-resume-"));
    const logger = createLogger({ level: "error", write: () => {} });
    const runner = new JobRunner({
      jobs,
      logger,
      parts: { workDir, logger } as unknown as StageParts,
      pipelineSlots: 1,
      mintSlots: 0,
      leaseMs: 60_000,
      maxAttempts: 3,
      backoffMs: 60_000,
    });
    await runner.start();
    while (runner.activeCount > 0 || (await jobs.get(job.id))!.stage !== "validate") {
      await new Promise((done) => setTimeout(done, 10));
    }
    await runner.stop();

    const resumed = (await jobs.get(job.id))!;
    expect(resumed).toMatchObject({ stage: "validate", errorCode: null, failures: 1 });
    expect(resumed.leaseOwner).toBeNull();
    const retry = (await jobs.events(job.id)).at(-1)!;
    expect(retry.type).toBe("retrying");
    expect(JSON.parse(retry.data)).toMatchObject({ code: "JOB_FILES_MISSING", attempt: 1 });
    await db.close();
    await rm(workDir, { recursive: true, force: true });
  });
});
