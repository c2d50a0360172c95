/**
 * The perturbation's variance in intervals and tests of protected figures (shared/METRICS.md,
 * Disclosure control, item 4: "every interval includes the perturbation's known variance"). Pure.
 *
 * A protected figure is computed from counts that each carry zero-mean noise of known variance
 * (the perturbation table's variance of each block's count, added over the blocks summed). The
 * functions here take those variances as input — `CountVariances`, value → the noise variance of
 * that value's count, in the same keys as the counts — and give the variance the noise adds to a
 * figure, by the delta method (first-order Taylor expansion of the figure in its counts):
 *
 * - a rate x / (x + y) with noise variances v_x, v_y: ((1 − p)² v_x + p² v_y) / n²;
 * - an NPS (P − D) / (P + M + D): ((1 − NPS)² v_P + NPS² v_M + (1 + NPS)² v_D) / n²;
 * - a quantile's rank: the count at or below the quantile, less q times n, moves by
 *   (1 − q)² v_below + q² v_above (order-statistic interval, delivery.ts);
 * - a correlation from a table of counts: Σ (∂r/∂cell)² v_cell, ∂r/∂cell from the correlation's
 *   influence function.
 *
 * The intervals then add that variance to the sampling variance (a rate: Wilson on the effective
 * sample size, comparisons.ts effectiveCounts; the others: beside their own variance). Noise of
 * different counts is independent (each count has its own cell key).
 */
import { effectiveCounts } from './comparisons.js';
import type { CorrelationMethod } from './correlation.js';
import { countEntries, type Counts } from './counts.js';
import { wilson, type Interval } from './wilson.js';

/** value → the noise variance of that value's count; absent values carry none. */
export type CountVariances = Counts;

/** The noise variance of the sum of the counts whose keys `pick` selects. */
export function varianceOf(
  variances: CountVariances | undefined,
  pick: (key: string) => boolean,
): number {
  if (!variances) return 0;
  let sum = 0;
  for (const [key, v] of countEntries(variances)) if (pick(key)) sum += v;
  return sum;
}

/** The noise variance of the rate x / n, n = x + rest, whose two counts carry vTop and vRest. */
export function rateNoise(x: number, n: number, vTop: number, vRest: number): number {
  if (!(n > 0)) return 0;
  const p = Math.min(1, Math.max(0, x / n));
  return ((1 - p) ** 2 * vTop + p * p * vRest) / (n * n);
}

/** The Wilson 95% interval of x of n whose variance is its sampling variance plus `added`. */
export function wilsonWithNoise(x: number, n: number, added: number): Interval | null {
  if (!(n > 0)) return null;
  const eff = effectiveCounts(x, n, added);
  return wilson(Math.min(eff.n, Math.max(0, eff.x)), eff.n);
}

/** The noise variance of an NPS from its three categories' counts and their noise variances. */
export function npsNoise(
  promoters: number,
  passives: number,
  detractors: number,
  v: { promoters: number; passives: number; detractors: number },
): number {
  const n = promoters + passives + detractors;
  if (!(n > 0)) return 0;
  const nps = (promoters - detractors) / n;
  return (
    ((1 - nps) ** 2 * v.promoters + nps * nps * v.passives + (1 + nps) ** 2 * v.detractors) /
    (n * n)
  );
}

/** The variance the noise adds to the rank of quantile q (counts at or below it vs above it). */
export function quantileRankNoise(q: number, vBelow: number, vAbove: number): number {
  return (1 - q) ** 2 * vBelow + q * q * vAbove;
}

/**
 * The noise variance of the correlation of a table of counts whose cells carry `variances` (same
 * shape), by the delta method: adding one answer to cell (i, j) moves r by its influence
 * x̃_i·ỹ_j − r·(x̃_i² + ỹ_j²)/2 over n (x̃, ỹ the standardised row and column scores: the answer
 * values for Pearson, their mid-ranks for Spearman, whose own shift with the margins is left out).
 * 0 when the correlation is undefined.
 */
export function correlationNoise(
  table: readonly (readonly number[])[],
  variances: readonly (readonly number[])[],
  method: CorrelationMethod = 'spearman',
): number {
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = table[0]!.map((_, j) => table.reduce((a, row) => a + (row[j] ?? 0), 0));
  const n = rows.reduce((a, b) => a + b, 0);
  const scoresOf = (totals: number[]) => {
    if (method === 'pearson') return totals.map((_, i) => i + 1);
    let below = 0;
    return totals.map((t) => {
      const rank = below + (t + 1) / 2;
      below += t;
      return rank;
    });
  };
  const standardised = (totals: number[]) => {
    const x = scoresOf(totals);
    const mean = totals.reduce((a, t, i) => a + t * x[i]!, 0) / n;
    const sd = Math.sqrt(totals.reduce((a, t, i) => a + t * (x[i]! - mean) ** 2, 0) / n);
    return x.map((v) => (v - mean) / sd);
  };
  if (n < 3) return 0;
  const xs = standardised(rows);
  const ys = standardised(cols);
  if (!xs.every(Number.isFinite) || !ys.every(Number.isFinite)) return 0; // no variance
  // r itself, from the same standardised scores (as correlation.ts computes it).
  let r = 0;
  table.forEach((row, i) => row.forEach((c, j) => (r += (c * xs[i]! * ys[j]!) / n)));
  r = Math.max(-1, Math.min(1, r));
  let sum = 0;
  for (let i = 0; i < table.length; i++) {
    for (let j = 0; j < cols.length; j++) {
      const v = variances[i]?.[j] ?? 0;
      if (!(v > 0)) continue;
      const g = (xs[i]! * ys[j]! - (r * (xs[i]! ** 2 + ys[j]! ** 2)) / 2) / n;
      sum += g * g * v;
    }
  }
  return sum;
}
