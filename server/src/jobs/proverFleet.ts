import { and, countDistinct, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { PIPELINE_STAGES } from "./jobStore.ts";

/**
 * Processes anywhere (this server's runner, prover workers on any machine) holding a live lease
 * on a proving-pipeline job now: one indexed read of the jobs table. Idle provers hold no lease
 * and are not counted, so this is how many are at work, not how many exist.
 */
export async function provingProcesses({
  db,
  now = Date.now(),
}: {
  db: Database;
  now?: number;
}): Promise<number> {
  const { jobs } = db.tables;
  const [row] = await db.read((q) =>
    q
      .select({ n: countDistinct(jobs.leaseOwner) })
      .from(jobs)
      .where(
        and(
          inArray(jobs.stage, [...PIPELINE_STAGES]),
          isNull(jobs.errorCode),
          gt(jobs.leaseExpiresAt, now),
        ),
      ),
  );
  return row?.n ?? 0;
}
