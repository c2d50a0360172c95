/**
 * Regional disparity (shared/METRICS.md, Bottlenecks §6): the gap between the best and the worst
 * group's satisfaction rate, each with its Wilson interval, the Newcombe interval of the gap, and
 * the coefficient of variation of the groups' rates.
 *
 * CV = population standard deviation / mean, over the groups' rates, each group counting once
 * (unweighted): SD = sqrt(Σ (rate_i − mean)² / G) with G the number of groups (the population SD,
 * dividing by G, not G − 1: the groups compared are all the regions, not a sample of them).
 * Groups with n = 0 are skipped; pass only groups that are shown (not suppressed).
 * Ties for best or worst go to the group that comes first in the input.
 */
import { newcombe, type DifferenceResult } from './newcombe.js';
import { wilson, type Interval } from './wilson.js';

export interface DisparityGroup<G> {
  group: G;
  x: number;
  n: number;
}

export interface RatedGroup<G> {
  group: G;
  x: number;
  n: number;
  rate: number;
  ci95: Interval;
}

export interface DisparityResult<G> {
  best: RatedGroup<G>;
  worst: RatedGroup<G>;
  /** best.rate − worst.rate (≥ 0). */
  gap: number;
  /** Newcombe interval of best − worst (null when best and worst are the same group). */
  gapCi95: Interval | null;
  /** Whether the gap's interval excludes 0. */
  significant: boolean;
  /** The number of groups compared. */
  groups: number;
  /** Unweighted mean of the groups' rates. */
  mean: number;
  /** Population SD of the groups' rates. */
  sd: number;
  /** sd / mean; null when the mean is 0. */
  cv: number | null;
}

/** Null when no group has data. */
export function regionalDisparity<G>(
  groups: readonly DisparityGroup<G>[],
): DisparityResult<G> | null {
  const rated: RatedGroup<G>[] = [];
  for (const g of groups) {
    const ci95 = wilson(g.x, g.n);
    if (ci95 === null) continue;
    rated.push({ group: g.group, x: g.x, n: g.n, rate: g.x / g.n, ci95 });
  }
  const first = rated[0];
  if (first === undefined) return null;
  let best = first;
  let worst = first;
  for (const g of rated) {
    if (g.rate > best.rate) best = g;
    if (g.rate < worst.rate) worst = g;
  }
  const G = rated.length;
  const mean = rated.reduce((s, g) => s + g.rate, 0) / G;
  const sd = Math.sqrt(rated.reduce((s, g) => s + (g.rate - mean) ** 2, 0) / G);
  const diff: DifferenceResult | null =
    best === worst ? null : newcombe(best.x, best.n, worst.x, worst.n);
  return {
    best,
    worst,
    gap: best.rate - worst.rate,
    gapCi95: diff ? diff.ci95 : null,
    significant: diff ? diff.significant : false,
    groups: G,
    mean,
    sd,
    cv: mean === 0 ? null : sd / mean,
  };
}
