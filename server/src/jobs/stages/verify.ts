import { rm } from "node:fs/promises";
import type { Hex } from "viem";
import { checkProof } from "../../prover/index.ts";
import type { StageContext, StageResult } from "./stageContext.ts";

export { ProofRejectedError } from "../../prover/index.ts";

/**
 * Checks the proof before anything is published (`checkProof`); a rejected proof is deleted and
 * the job goes back to proving.
 */
export async function verify({
  job,
  files,
  artifacts,
  engine,
}: StageContext): Promise<StageResult> {
  const proofJson = await files.read(files.proof);
  try {
    await checkProof({
      proofJson,
      prompt: job.prompt,
      aigcData: job.aigcData as Hex,
      artifacts,
      engine,
      details: { jobId: job.id },
    });
  } catch (error) {
    await rm(files.proof, { force: true });
    throw error;
  }
  return {};
}
