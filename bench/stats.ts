/**
 * Summaries of repeated measurements: every figure the benchmark reports is the median of its
 * repetitions, shown with the spread so a noisy row cannot pass for a quiet one.
 */

/** The repetitions of one figure, summarized. */
export interface Summary {
  /** The median, the figure reported. */
  median: number;
  /** The smallest repetition. */
  min: number;
  /** The largest repetition. */
  max: number;
  /** How many repetitions were taken. */
  reps: number;
  /** `max / min` above {@link NOISY_SPREAD}: the row is flagged noisy rather than trusted. */
  noisy: boolean;
}

/** The spread (`max / min`) above which a row is flagged noisy. */
export const NOISY_SPREAD = 1.5;

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The `p`-th percentile (0–100) of `values`, nearest-rank, so it is always a measured value. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Median, min, max and count of repeated measurements, flagged noisy when max/min is large. */
export function summarize(values: readonly number[]): Summary {
  const min = Math.min(...values);
  const max = Math.max(...values);
  // A spread is only meaningful between positive figures; zeros (e.g. a layout count) are exact.
  const noisy = min > 0 ? max / min > NOISY_SPREAD : max !== min;
  return { median: median(values), min, max, reps: values.length, noisy };
}
