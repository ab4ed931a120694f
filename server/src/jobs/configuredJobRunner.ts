import type { Config } from "../config/config.ts";
import type { Logger } from "../logger.ts";
import { JobRunner } from "./jobRunner.ts";
import type { JobStore } from "./jobStore.ts";
import type { StageParts } from "./runJob.ts";

/**
 * A job runner with the configured leases and retries, logging as `jobs`: an API server's (mints,
 * and proving when it has a local prover) or a prover process's (proving only).
 */
export function configuredJobRunner({
  config,
  logger,
  jobs,
  parts,
  pipelineSlots,
  mintSlots,
}: {
  config: Config;
  logger: Logger;
  jobs: JobStore;
  parts: Omit<StageParts, "publicUrl" | "logger">;
  pipelineSlots: number;
  mintSlots: number;
}): JobRunner {
  const jobLogger = logger.child({ component: "jobs" });
  return new JobRunner({
    jobs,
    logger: jobLogger,
    parts: { ...parts, publicUrl: config.http.publicUrl, logger: jobLogger },
    pipelineSlots,
    mintSlots,
    leaseMs: config.jobs.leaseMs,
    maxAttempts: config.jobs.maxAttempts,
  });
}
