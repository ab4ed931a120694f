// The statistics every benchmark reports its samples with, so that a "median" or a "p95" means
// the same in every row of bench/results. simple-statistics computes them: a percentile
// interpolates linearly between the two nearest samples (numpy's default, type 7), so the median
// of an even count is the mean of the middle two.
import { median as middle, quantile } from "simple-statistics";

function checked(values: readonly number[], what: string): number[] {
  if (values.length === 0) throw new Error(`${what} of no samples`);
  const bad = values.find((value) => !Number.isFinite(value));
  if (bad !== undefined) throw new Error(`${what} of a sample that is not a finite number: ${bad}`);
  return [...values];
}

/** The median of the samples. Throws on no samples or a sample that is not a finite number. */
export function median(values: readonly number[]): number {
  return middle(checked(values, "median"));
}

/**
 * The `p`th percentile of the samples, `p` from 0 to 100 (`percentile(ms, 95)` is the p95).
 * Throws on no samples, a sample that is not a finite number, or `p` outside 0..100.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be from 0 to 100, got ${p}`);
  return quantile(checked(values, `p${p}`), p / 100);
}

/** `value` rounded to `digits` decimal places, for a figure in the results table. */
export function round(value: number, digits = 0): number {
  return Number(value.toFixed(digits));
}
