/**
 * Two-proportion test, for "is this group's rate different from the rest?".
 *
 * Test chosen: the pooled two-proportion z-test (the score test; identical to Pearson's χ² test
 * of the 2×2 table without continuity correction, z² = χ²):
 *
 *   p̂ = (x1 + x2) / (n1 + n2),  z = (x1/n1 − x2/n2) / sqrt(p̂(1 − p̂)(1/n1 + 1/n2)),
 *
 * with p-values from the standard normal distribution. A group is compared with *the rest* (all
 * selected responses outside the group), not with the overall rate, so the two samples are
 * independent as the test requires.
 */
import { normalCdf, normalTwoSidedP, normalUpperTail } from './distributions.js';

export type Alternative = 'two-sided' | 'less' | 'greater';

export interface TwoProportionTest {
  /** The z statistic (positive when p1 > p2). */
  z: number;
  /** The p-value for the chosen alternative. */
  p: number;
}

/**
 * Pooled two-proportion z-test of x1/n1 against x2/n2. `alternative`: `'two-sided'` (p1 ≠ p2),
 * `'less'` (p1 < p2) or `'greater'` (p1 > p2). When every answer in both samples is the same
 * (p̂ = 0 or 1) the rates are equal and there is no evidence of a difference: z = 0, p = 1
 * (two-sided). Null when either n is 0.
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  alternative: Alternative = 'two-sided',
): TwoProportionTest | null {
  for (const [x, n] of [
    [x1, n1],
    [x2, n2],
  ] as const) {
    if (!(x >= 0 && n >= 0 && x <= n)) {
      throw new RangeError(`twoProportionZTest: need 0 ≤ x ≤ n, got x=${x}, n=${n}`);
    }
  }
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se === 0 ? 0 : (x1 / n1 - x2 / n2) / se;
  let p: number;
  if (alternative === 'two-sided') p = se === 0 ? 1 : normalTwoSidedP(z);
  else if (alternative === 'less') p = normalCdf(z);
  else p = normalUpperTail(z);
  return { z, p };
}

/**
 * A group (xGroup of nGroup) against the rest of the total it belongs to (xTotal of nTotal, which
 * includes the group). Null when the group or the rest is empty.
 */
export function groupVsRestTest(
  xGroup: number,
  nGroup: number,
  xTotal: number,
  nTotal: number,
  alternative: Alternative = 'two-sided',
): TwoProportionTest | null {
  if (xGroup > xTotal || nGroup > nTotal || xTotal - xGroup > nTotal - nGroup) {
    throw new RangeError('groupVsRestTest: the group must be part of the total');
  }
  return twoProportionZTest(xGroup, nGroup, xTotal - xGroup, nTotal - nGroup, alternative);
}
