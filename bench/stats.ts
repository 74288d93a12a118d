/** The median of `values` (the mean of the two middle ones for an even count); `NaN` when empty. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The `p`-th percentile of `values` by linear interpolation between closest ranks (p in 0..100);
 * `NaN` when empty.
 *
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** The result of `runs` timings of one thing: every sample and their median. */
export interface Samples {
  samples: number[];
  median: number;
}

/**
 * Runs `measure` `runs` times, one after the other, and keeps what each run returned (a duration,
 * a rate…). Runs are sequential on purpose: on a shared machine parallel runs measure each other.
 *
 * @param runs How many samples.
 * @param measure One run; returns its figure.
 */
export async function sample(runs: number, measure: (run: number) => number | Promise<number>): Promise<Samples> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await measure(run));
  return { samples, median: median(samples) };
}
