/**
 * Top-2-box rate and mean score from a histogram of 1–5 answers (shared/METRICS.md, "Satisfaction
 * rate"). The same rule gives the trust rate and each driver's performance.
 */
import { countEntries, integerValue, type Counts } from './counts.js';

export interface TopBoxResult {
  /** Valid answers (1–5); "na"/don't know and anything outside 1–5 are excluded. */
  n: number;
  /** Answers 4 or 5. */
  satisfied: number;
  /** satisfied / n, or null when n = 0 (never 0 for "no data"). */
  rate: number | null;
  /** Mean of the valid answers, or null when n = 0. */
  mean: number | null;
}

export interface ScaleOptions {
  /** Lowest valid value (default 1). */
  min?: number;
  /** Highest valid value (default 5). */
  max?: number;
  /** Values at or above this count as "satisfied" (default 4, i.e. 4 and 5 on a 1–5 scale). */
  topFrom?: number;
}

/**
 * Top-2-box rate: x = answers 4 or 5, n = valid answers 1–5. Keys that are not integers in
 * [min, max] (e.g. `'na'`) are not counted.
 */
export function topBoxRate(counts: Counts, options: ScaleOptions = {}): TopBoxResult {
  const min = options.min ?? 1;
  const max = options.max ?? 5;
  const topFrom = options.topFrom ?? 4;
  let n = 0;
  let satisfied = 0;
  let sum = 0;
  for (const [key, c] of countEntries(counts)) {
    const v = integerValue(key, min, max);
    if (v === null) continue;
    n += c;
    sum += v * c;
    if (v >= topFrom) satisfied += c;
  }
  if (n === 0) return { n: 0, satisfied: 0, rate: null, mean: null };
  return { n, satisfied, rate: satisfied / n, mean: sum / n };
}
