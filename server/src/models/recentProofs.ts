import type { JobStore } from "../jobs/jobStore.ts";

/** How long proofs took on this server lately, as `GET /api/models` reports it. */
export type RecentProofs = {
  /** Proofs the figures are taken from (at most `limit`). */
  count: number;
  /** Median of the `prove` stage's measured time, ms; null before the first proof. */
  proveMedianMs: number | null;
  /** Median from a prompt's submission to its ready-to-mint image (queue wait included), ms. */
  readyMedianMs: number | null;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return Math.round(
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2,
  );
}

/** The medians of the last `limit` proofs recorded in the job store. */
export async function recentProofs({
  jobs,
  limit = 20,
}: {
  jobs: JobStore;
  limit?: number;
}): Promise<RecentProofs> {
  const { proveMs, readyMs } = await jobs.recentTimings({ limit });
  return { count: proveMs.length, proveMedianMs: median(proveMs), readyMedianMs: median(readyMs) };
}
