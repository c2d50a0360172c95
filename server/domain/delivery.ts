/**
 * Delivery time (shared/METRICS.md): median and 90th percentile of days, computed from a
 * histogram of day → count, so it is exact for whole days.
 *
 * Quantile definition: Hyndman & Fan (1996) definition 2, the inverse of the empirical
 * distribution function with averaging at its jumps. With n observations in order x(1) ≤ … ≤ x(n),
 * j = floor(q·n) and g = q·n − j: the quantile is x(j+1) when g > 0, and (x(j) + x(j+1)) / 2 when
 * g = 0 (x(0) read as x(1), x(n+1) as x(n)). So the median of an even n averages the two middle
 * values (days 14 and 17 give 15.5); of an odd n it is the middle value. q·n is compared with its
 * nearest whole number with a 1e−9 tolerance, so 0.9 · 10 counts as exactly 9.
 *
 * 95% interval of a quantile: the distribution-free order-statistic interval [x(l), x(u)]
 * (e.g. Conover 1999, "Practical nonparametric statistics", §3.2): with Y ~ Binomial(n, q),
 * P(x(l) ≤ ξ_q < x(u)) = P(l ≤ Y ≤ u − 1). l is the largest rank with P(Y ≤ l − 1) ≤ 0.025 and u
 * the smallest with P(Y ≤ u − 1) ≥ 0.975, so the coverage is at least 95% (its exact value is
 * reported). The binomial probabilities are exact (regularized incomplete beta) up to n = 1000;
 * above, the ranks come from the normal approximation nq ± z·sqrt(nq(1−q)) (rounded outwards),
 * whose error is far below one rank there. When l < 1 or u > n (too few answers for a 95%
 * interval: the median needs n ≥ 6, the 90th percentile n ≥ 36) the interval is null with the
 * reason `too_few_answers`.
 */
import { countEntries, type Counts } from './counts.js';
import { erfc } from './distributions.js';
import { quantileRankNoise, type CountVariances } from './perturbation.js';
import { regularizedIncompleteBeta } from './special.js';
import { Z95, type Interval } from './wilson.js';

/** The day a histogram key counts; null for what is no valid answer ("na", don't know, < 0). */
export function dayOf(key: string): number | null {
  const trimmed = key.trim();
  if (trimmed === '') return null;
  const day = Number(trimmed);
  return Number.isFinite(day) && day >= 0 ? day : null;
}

/** The valid days of a histogram with their counts, in order. */
export function dayEntries(counts: Counts): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [key, c] of countEntries(counts)) {
    const day = dayOf(key);
    if (day !== null) out.push([day, c]);
  }
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

/** The k-th smallest day (1-based, clamped to 1..n) of a sorted day histogram. */
export function orderStatistic(days: readonly [number, number][], k: number): number {
  let cumulative = 0;
  for (const [day, c] of days) {
    cumulative += c;
    if (cumulative >= k) return day;
  }
  return days[days.length - 1]?.[0] ?? NaN;
}

/**
 * The q-th quantile (0 ≤ q ≤ 1) of the days in a histogram, Hyndman & Fan definition 2 (above).
 * Null when the histogram holds no valid day.
 */
export function percentileFromHistogram(counts: Counts, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  const days = dayEntries(counts);
  const n = days.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  return quantileType2(days, n, q);
}

function quantileType2(days: readonly [number, number][], n: number, q: number): number {
  const nq = q * n;
  const whole = Math.round(nq);
  if (Math.abs(nq - whole) < 1e-9) {
    const lo = orderStatistic(days, Math.max(1, whole));
    const hi = orderStatistic(days, Math.min(n, whole + 1));
    return (lo + hi) / 2;
  }
  return orderStatistic(days, Math.floor(nq) + 1);
}

/** P(Y ≤ k) for Y ~ Binomial(n, q). */
export function binomialCdf(k: number, n: number, q: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (q <= 0) return 1;
  if (q >= 1) return 0;
  return regularizedIncompleteBeta(1 - q, n - k, k + 1);
}

export interface QuantileRanks {
  /** Rank of the lower bound, x(l). */
  low: number;
  /** Rank of the upper bound, x(u). */
  high: number;
  /** P(l ≤ Y ≤ u − 1): the interval's coverage. */
  coverage: number;
}

/**
 * The order-statistic ranks of the 95% interval of quantile q from n answers; null if too few.
 * `added`: variance the rank of the quantile carries besides sampling (protected figures: the
 * perturbation's, perturbation.ts quantileRankNoise). Each rank then moves outwards by
 * z·(sqrt(nq(1−q) + added) − sqrt(nq(1−q))), rounded up, and `coverage` is the binomial coverage
 * of the widened ranks (sampling alone; the noise takes its share of the widening).
 */
export function quantileIntervalRanks(
  n: number,
  q: number,
  z: number = Z95,
  added = 0,
): QuantileRanks | null {
  if (!(n >= 1) || !(q > 0 && q < 1)) return null;
  const alpha = 1 - normalLevel(z);
  let low: number;
  let high: number;
  if (n <= 1000) {
    // Largest l with F(l − 1) ≤ α/2; smallest u with F(u − 1) ≥ 1 − α/2 (F increases with k).
    let a = 0;
    let b = n; // F(a − 1) ≤ α/2 holds at a = 0 (F(−1) = 0)
    while (a < b) {
      const mid = Math.ceil((a + b) / 2);
      if (binomialCdf(mid - 1, n, q) <= alpha / 2) a = mid;
      else b = mid - 1;
    }
    low = a;
    let c = 1;
    let d = n + 1; // F(n) = 1 ≥ 1 − α/2 holds at u = n + 1
    while (c < d) {
      const mid = Math.floor((c + d) / 2);
      if (binomialCdf(mid - 1, n, q) >= 1 - alpha / 2) d = mid;
      else c = mid + 1;
    }
    high = c;
  } else {
    const sd = Math.sqrt(n * q * (1 - q));
    low = Math.floor(n * q - z * sd);
    high = Math.ceil(n * q + z * sd) + 1;
  }
  if (added > 0) {
    const sampling = n * q * (1 - q);
    const extra = Math.ceil(z * (Math.sqrt(sampling + added) - Math.sqrt(sampling)) - 1e-9);
    low -= extra;
    high += extra;
  }
  if (low < 1 || high > n) return null;
  const coverage = n <= 1000 ? binomialCdf(high - 1, n, q) - binomialCdf(low - 1, n, q) : 1 - alpha;
  return { low, high, coverage };
}

/** The two-sided level of z (0.95 for Z95). */
function normalLevel(z: number): number {
  return 1 - erfc(z / Math.SQRT2);
}

export interface QuantileEstimate {
  /** The quantile (Hyndman & Fan definition 2); null when n = 0. */
  value: number | null;
  /** Distribution-free 95% interval [x(l), x(u)]; null when n is too small for one. */
  ci95: Interval | null;
  /** Its exact coverage (≥ 0.95), or null. */
  coverage: number | null;
  /** Why there is no interval, or null. */
  noInterval: 'no_data' | 'too_few_answers' | null;
}

function quantileEstimate(
  days: readonly [number, number][],
  n: number,
  q: number,
  noise?: ReadonlyMap<number, number>,
): QuantileEstimate {
  if (n === 0) return { value: null, ci95: null, coverage: null, noInterval: 'no_data' };
  const value = quantileType2(days, n, q);
  let added = 0;
  if (noise) {
    let below = 0;
    let above = 0;
    for (const [day, v] of noise) {
      if (day <= value) below += v;
      else above += v;
    }
    added = quantileRankNoise(q, below, above);
  }
  const ranks = quantileIntervalRanks(n, q, Z95, added);
  if (ranks === null) return { value, ci95: null, coverage: null, noInterval: 'too_few_answers' };
  return {
    value,
    ci95: [orderStatistic(days, ranks.low), orderStatistic(days, ranks.high)],
    coverage: ranks.coverage,
    noInterval: null,
  };
}

export interface DeliveryTime {
  /** Valid day answers. */
  n: number;
  /** Median days (Hyndman & Fan 2: an even n averages the two middle values); null when n = 0. */
  median: number | null;
  /** 90th percentile of days (Hyndman & Fan 2); null when n = 0. */
  p90: number | null;
  /** The median's 95% order-statistic interval, or null (see `medianNoInterval`). */
  medianCi95: Interval | null;
  medianNoInterval: QuantileEstimate['noInterval'];
  /** The 90th percentile's 95% order-statistic interval, or null (see `p90NoInterval`). */
  p90Ci95: Interval | null;
  p90NoInterval: QuantileEstimate['noInterval'];
  /** The quantile definition used, named for the reader. */
  quantileDefinition: 'Hyndman & Fan (1996) definition 2';
  /** Present (true) when the intervals include the perturbation's variance. */
  includesPerturbation?: true;
}

/**
 * Median and 90th percentile of delivery days, with their intervals, from a day histogram.
 * `noise`: the noise variance of each day's count (protected figures), included in the intervals.
 */
export function deliveryTime(counts: Counts, noise?: CountVariances): DeliveryTime {
  const days = dayEntries(counts);
  const n = days.reduce((s, [, c]) => s + c, 0);
  const variances = noise ? new Map(dayEntries(noise)) : undefined;
  const median = quantileEstimate(days, n, 0.5, variances);
  const p90 = quantileEstimate(days, n, 0.9, variances);
  return {
    ...(noise ? { includesPerturbation: true as const } : {}),
    n,
    median: median.value,
    p90: p90.value,
    medianCi95: median.ci95,
    medianNoInterval: median.noInterval,
    p90Ci95: p90.ci95,
    p90NoInterval: p90.noInterval,
    quantileDefinition: 'Hyndman & Fan (1996) definition 2',
  };
}
