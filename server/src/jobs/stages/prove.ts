import { rename, rm } from "node:fs/promises";
import { getPriority, setPriority } from "node:os";
import type { StageContext, StageResult } from "./stageContext.ts";

/** How much lower than the server's the native provers' CPU priority is (niceness added). */
const PROVER_NICENESS = 10;

/**
 * Lowers the CPU priority of the pool's provers below the server's, so requests are served at
 * once while a proof uses every core. New workers are spawned by `pool.prove` before it returns,
 * and their threads inherit the priority they start with.
 */
function deprioritize(pids: number[]): void {
  const target = Math.min(19, getPriority() + PROVER_NICENESS);
  for (const pid of pids) {
    try {
      if (getPriority(pid) < target) setPriority(pid, target);
    } catch {
      // The worker has just exited; the pool replaces it.
    }
  }
}

/**
 * Proves the witness in a native prover of the pool. The prover writes to a path of this attempt
 * only, renamed into place when done, so a prover orphaned by a crash cannot overwrite the proof
 * of a later attempt.
 */
export async function prove({ files, pool }: StageContext): Promise<StageResult> {
  const proofPath = files.scratch(files.proof);
  try {
    const proving = pool.prove({ witnessPath: files.witness, proofPath });
    deprioritize(pool.pids());
    const { ms } = await proving;
    await rename(proofPath, files.proof);
    return { data: { proverMs: Math.round(ms) } };
  } finally {
    await rm(proofPath, { force: true });
  }
}
