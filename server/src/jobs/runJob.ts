import { nextStage, type GenerationStage } from "@proofmint/core";
import type { Job } from "../db/schema.ts";
import { ServerError } from "../errors.ts";
import { JobFiles } from "./jobFiles.ts";
import { JobFilesMissingError, missingJobFiles } from "./missingJobFiles.ts";
import type { JobStore } from "./jobStore.ts";
import { witness } from "./stages/witness.ts";
import { commitMint, mint } from "./stages/mint.ts";
import { prove } from "./stages/prove.ts";
import { ready } from "./stages/ready.ts";
import { render } from "./stages/render.ts";
import type { StageContext, StageResult } from "./stages/stageContext.ts";
import { store } from "./stages/store.ts";
import { verify, ProofRejectedError } from "./stages/verify.ts";

type StageRunner = (context: StageContext) => Promise<StageResult>;

/** One module per stage, in pipeline order; `validate` runs at the door, `minted` in the indexer. */
const STAGE_RUNNERS: Partial<Record<GenerationStage, StageRunner>> = {
  witness,
  render,
  prove,
  verify,
  store,
  ready,
  mint,
};

/** The parts of a stage context that do not depend on the job. */
export type StageParts = Omit<StageContext, "job" | "files" | "save" | "note"> & {
  workDir: string;
};

/** A stage failed; `rewindTo` names the stage to resume from when it is not the same one. */
export class StageFailedError extends ServerError {
  override name = "StageFailedError";
  readonly rewindTo: GenerationStage | undefined;
  constructor(stage: GenerationStage, cause: unknown, rewindTo?: GenerationStage) {
    const inner = cause instanceof ServerError ? cause : undefined;
    super(`stage ${stage} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      code: inner?.code ?? "STAGE_FAILED",
      details: { stage },
      cause,
    });
    this.rewindTo = rewindTo;
  }
}

/**
 * The orchestrator: runs a claimed job's remaining stages in order, recording each completion
 * (with its fields and event) under the lease before the next starts. Returns when the job has
 * nothing left to do here or the lease was lost.
 *
 * @throws {StageFailedError} wrapping what the failed stage threw.
 */
export async function runJob({
  job: claimed,
  owner,
  jobs,
  parts,
  signal,
  mints = true,
}: {
  job: Job;
  owner: string;
  jobs: JobStore;
  parts: StageParts;
  /** Aborted at shutdown: no further stage starts. */
  signal?: AbortSignal;
  /**
   * Whether this process runs relayed mints (it leads the fleet and holds the relayer key). When
   * not, a job that reaches its mint stage is left, ready, for the process that does.
   */
  mints?: boolean;
}): Promise<Job> {
  const { workDir, ...shared } = parts;
  const files = new JobFiles({ workDir, jobId: claimed.id });
  let job = claimed;
  const save: StageContext["save"] = async (fields) => {
    await jobs.save({ id: job.id, owner, fields });
  };
  const note =
    (stage: GenerationStage): StageContext["note"] =>
    (type, data) =>
      jobs.note({ id: job.id, type, data: { stage, ...data } });

  // A relayed mint's commitment needs no proof: send it now, so its delay passes while proving.
  // Best effort; the mint stage commits itself if this did not.
  const proving = nextStage(job) !== "mint";
  if (
    proving &&
    mints &&
    job.recipient !== null &&
    job.mintSalt === null &&
    shared.chain.relayer !== undefined
  ) {
    commitMint({
      job,
      chain: shared.chain,
      save,
      note: note("mint"),
      confirmLeading: shared.confirmLeading,
    }).catch((error: unknown) =>
      shared.logger.warn("early commit failed; the mint stage will commit", {
        jobId: job.id,
        error,
      }),
    );
  }

  // Resumed where this process has not the files the earlier stages wrote: start again from the
  // witness stage (its `retrying` event says why).
  const resumeAt = nextStage(job);
  const missing = resumeAt === undefined ? [] : await missingJobFiles({ stage: resumeAt, files });
  if (resumeAt !== undefined && missing.length > 0) {
    throw new StageFailedError(resumeAt, new JobFilesMissingError(resumeAt, missing), "validate");
  }

  for (let stage = nextStage(job); stage !== undefined; stage = nextStage(job)) {
    const runStage = STAGE_RUNNERS[stage];
    if (runStage === undefined || signal?.aborted || (stage === "mint" && !mints)) return job;
    const started = performance.now();
    await jobs.note({ id: job.id, type: "progress", data: { stage } });
    let result: StageResult;
    try {
      result = await runStage({
        ...shared,
        job,
        files,
        logger: shared.logger.child({ jobId: job.id, stage }),
        save,
        note: note(stage),
      });
    } catch (error) {
      throw new StageFailedError(
        stage,
        error,
        error instanceof ProofRejectedError ? "render" : undefined,
      );
    }
    const ms = Math.round(performance.now() - started);
    const next = await jobs.completeStage({
      id: job.id,
      owner,
      from: job.stage,
      to: stage,
      fields: result.fields,
      data: { ...result.data, ms },
    });
    if (next === undefined) return (await jobs.get(job.id)) ?? job;
    job = next;
  }
  return job;
}
