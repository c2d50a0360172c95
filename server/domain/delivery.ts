/**
 * Delivery time (shared/METRICS.md): median and 90th percentile of days, computed from a
 * histogram of day → count, so it is exact for whole days.
 *
 * Percentile rule (nearest rank; Hyndman & Fan 1996 type 1, the inverse of the empirical
 * distribution function): the q-th percentile of n observations is the smallest day d whose
 * cumulative count is ≥ ceil(q·n) (and ≥ 1). It is always one of the observed days. For the median
 * of an even n this is the lower of the two middle values (e.g. days 1,2,3,4 → median 2); for an
 * odd n it is the middle value. ceil(q·n) is taken with a 1e−9 tolerance so that floating-point
 * products such as 0.28 · 25 = 7.000000000000001 give rank 7, not 8.
 */
import { countEntries, type Counts } from './counts.js';

function dayEntries(counts: Counts): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [key, c] of countEntries(counts)) {
    const trimmed = key.trim();
    if (trimmed === '') continue;
    const day = Number(trimmed);
    // Non-numeric keys ("na", don't know) and negative days are not valid answers.
    if (!Number.isFinite(day) || day < 0) continue;
    out.push([day, c]);
  }
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

/** The nearest-rank rank of quantile q among n observations: max(1, ceil(q·n)). */
export function nearestRank(q: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n - 1e-9)));
}

/**
 * The q-th quantile (0 ≤ q ≤ 1) of the days in a histogram, by the nearest-rank rule above.
 * Null when the histogram holds no valid day.
 */
export function percentileFromHistogram(counts: Counts, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  const days = dayEntries(counts);
  const n = days.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const rank = nearestRank(q, n);
  let cumulative = 0;
  for (const [day, c] of days) {
    cumulative += c;
    if (cumulative >= rank) return day;
  }
  return days[days.length - 1]?.[0] ?? null;
}

export interface DeliveryTime {
  /** Valid day answers. */
  n: number;
  /** Median days (nearest rank: the lower middle for even n); null when n = 0. */
  median: number | null;
  /** 90th percentile of days (nearest rank); null when n = 0. */
  p90: number | null;
}

/** Median and 90th percentile of delivery days from a day → count histogram. */
export function deliveryTime(counts: Counts): DeliveryTime {
  const n = dayEntries(counts).reduce((s, [, c]) => s + c, 0);
  return {
    n,
    median: percentileFromHistogram(counts, 0.5),
    p90: percentileFromHistogram(counts, 0.9),
  };
}
