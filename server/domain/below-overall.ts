/**
 * Systemic bottlenecks, the statistics part (shared/METRICS.md, Bottlenecks §4): which groups'
 * satisfaction rate is significantly below the overall rate, with the false discovery rate
 * controlled by Benjamini–Hochberg across all the groups compared.
 *
 * Each group is tested against the rest (the pooled two-proportion z-test of two-proportion.ts,
 * two-sided); the two-sided p-values of all groups are BH-adjusted together at q; a group is
 * "significantly below" when its hypothesis is rejected and its rate is below the rest's. (Acting
 * on the sign of a two-sided BH discovery keeps the directional FDR controlled: Benjamini &
 * Yekutieli 2005.) The gap and its interval describe one contrast: `gap` = group rate − rest rate
 * (negative when the group is worse), `ci95` its Newcombe interval (independent samples); the
 * groups below are ranked by that gap, most negative first. The overall rate is given beside it
 * for reading, never as the contrast.
 */
import { FDR_Q, benjaminiHochberg } from './fdr.js';
import { newcombe } from './newcombe.js';
import { effectiveCounts } from './comparisons.js';
import { groupVsRestTest, twoProportionZTest } from './two-proportion.js';
import type { Interval } from './wilson.js';

export interface GroupCount<G> {
  group: G;
  /** Satisfied answers in the group. */
  x: number;
  /** Valid answers in the group. */
  n: number;
  /**
   * Variance the group's rate and the rest's carry besides sampling (protected figures): the
   * test and the interval then stand on effective sample sizes (comparisons.ts, effectiveCounts).
   */
  added?: number;
  restAdded?: number;
}

export interface GroupVsOverall<G> {
  group: G;
  x: number;
  n: number;
  rate: number;
  overallRate: number;
  /** The rate of every other response of the total. */
  restRate: number;
  /** group rate − rest rate (negative: the group is below the rest); the contrast of `ci95`. */
  gap: number;
  /** Newcombe 95% interval of group rate − rest rate. */
  ci95: Interval | null;
  /** Two-sided p-value, group vs rest. */
  p: number;
  /** BH-adjusted p-value across the groups tested. */
  pAdjusted: number;
  /** Significantly below the overall rate after FDR control. */
  below: boolean;
}

export interface BelowOverallResult<G> {
  /** The FDR level used (METRICS.md: 0.05). */
  q: number;
  method: 'two-proportion z-test vs rest, Benjamini–Hochberg FDR';
  /** Every tested group, in input order. */
  groups: GroupVsOverall<G>[];
  /** The groups significantly below the overall rate, largest gap first. */
  below: GroupVsOverall<G>[];
}

/**
 * Tests each group against the rest of `total`. Groups with n = 0, or equal to the whole total
 * (no rest to compare with), are not tested and are left out of the result.
 */
export function groupsBelowOverall<G>(
  groups: readonly GroupCount<G>[],
  total: { x: number; n: number },
  q: number = FDR_Q,
): BelowOverallResult<G> {
  const overallRate = total.n > 0 ? total.x / total.n : NaN;
  const tested: Array<Omit<GroupVsOverall<G>, 'pAdjusted' | 'below'>> = [];
  for (const g of groups) {
    const plain = groupVsRestTest(g.x, g.n, total.x, total.n);
    if (plain === null) continue;
    const rate = g.x / g.n;
    const restRate = (total.x - g.x) / (total.n - g.n);
    const a = effectiveCounts(g.x, g.n, g.added);
    const b = effectiveCounts(total.x - g.x, total.n - g.n, g.restAdded);
    const test = g.added || g.restAdded ? twoProportionZTest(a.x, a.n, b.x, b.n) : plain;
    if (test === null) continue;
    const diff = newcombe(a.x, a.n, b.x, b.n);
    tested.push({
      group: g.group,
      x: g.x,
      n: g.n,
      rate,
      overallRate,
      restRate,
      gap: rate - restRate,
      ci95: diff ? diff.ci95 : null,
      p: test.p,
    });
  }
  const bh = benjaminiHochberg(
    tested.map((t) => t.p),
    q,
  );
  const out: GroupVsOverall<G>[] = tested.map((t, i) => ({
    ...t,
    pAdjusted: bh.adjusted[i] ?? 1,
    // Rejected, below the rest, and the interval of the same contrast lies wholly below 0.
    below: (bh.rejected[i] ?? false) && t.gap < 0 && t.ci95 !== null && t.ci95[1] < 0,
  }));
  const below = out.filter((g) => g.below).sort((a, b) => a.gap - b.gap);
  return {
    q,
    method: 'two-proportion z-test vs rest, Benjamini–Hochberg FDR',
    groups: out,
    below,
  };
}
