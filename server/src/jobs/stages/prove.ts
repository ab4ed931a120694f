import { rename, rm } from "node:fs/promises";
import type { StageContext, StageResult } from "./stageContext.ts";

/**
 * Proves the witness in a native prover of the pool. The prover writes to a path of this attempt
 * only, renamed into place when done, so a prover orphaned by a crash cannot overwrite the proof
 * of a later attempt.
 */
export async function prove({ files, pool }: StageContext): Promise<StageResult> {
  const proofPath = files.scratch(files.proof);
  try {
    const { ms } = await pool.prove({ witnessPath: files.witness, proofPath });
    await rename(proofPath, files.proof);
    return { data: { proverMs: Math.round(ms) } };
  } finally {
    await rm(proofPath, { force: true });
  }
}
