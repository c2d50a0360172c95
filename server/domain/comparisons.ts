/**
 * One meaning of "significant" (shared/METRICS.md, "Uncertainty and tests"): a family of
 * differences of two independent rates — the groups of a table against the rest, the steps of a
 * trend, state against non-state across drivers — is tested together. Each difference gets its
 * Newcombe 95% interval and a two-sided pooled z-test p-value; the p-values of the family are
 * adjusted by Benjamini–Hochberg at q = 0.05. A difference is *significant* when its hypothesis is
 * rejected after that control AND its 95% interval excludes 0 (so a flagged difference never shows
 * an interval that crosses 0). Every result names its family and the method.
 */
import { FDR_Q, benjaminiHochberg } from './fdr.js';
import { newcombe } from './newcombe.js';
import { twoProportionZTest } from './two-proportion.js';
import type { Interval } from './wilson.js';

/** x1 of n1 against x2 of n2; null when the contrast is not shown (suppressed, no data). */
export interface Contrast {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  /**
   * Variance each rate carries besides sampling (protected figures: the perturbation's, see
   * server/anonymity/intervals.ts); both the interval and the test then stand on the effective
   * sample sizes (effectiveCounts).
   */
  added1?: number;
  added2?: number;
}

/**
 * x of n as the counts of a rate whose variance is its sampling variance plus `added`: the same
 * rate on the effective n = n · s / (s + added), s = p̃(1 − p̃)/n with p̃ = (x + 2)/(n + 4) so
 * a rate of 0 or 1 still counts its added variance (the widening of protected intervals).
 */
export function effectiveCounts(x: number, n: number, added = 0): { x: number; n: number } {
  if (!(added > 0) || n <= 0) return { x, n };
  const shrunk = (x + 2) / (n + 4);
  const sampling = (shrunk * (1 - shrunk)) / n;
  const nEff = (n * sampling) / (sampling + added);
  return { x: (x / n) * nEff, n: nEff };
}

export const SIGNIFICANCE_METHOD =
  'Newcombe 95% interval; two-sided two-proportion z-test; Benjamini–Hochberg FDR q = 0.05 over the family';

export interface ContrastResult {
  /** x1/n1 − x2/n2. */
  diff: number;
  /** Newcombe hybrid score 95% interval of the same difference. */
  ci95: Interval;
  /** Two-sided p-value (pooled z-test). */
  p: number;
  /** BH-adjusted p-value within the family. */
  pAdjusted: number;
  /** Rejected after BH control and the interval excludes 0. */
  significant: boolean;
}

export interface FamilyResult {
  /** What the family is (e.g. `trend steps of one series`), for the report. */
  family: string;
  /** The number of comparisons the control was applied over. */
  size: number;
  q: number;
  method: string;
  /** One result per input, null where the input was null or had an empty side. */
  results: (ContrastResult | null)[];
}

export function compareFamily(
  family: string,
  contrasts: readonly (Contrast | null)[],
  q: number = FDR_Q,
): FamilyResult {
  const raw = contrasts.map((c) => {
    if (c === null) return null;
    const a = effectiveCounts(c.x1, c.n1, c.added1);
    const b = effectiveCounts(c.x2, c.n2, c.added2);
    const diff = newcombe(a.x, a.n, b.x, b.n);
    const test = twoProportionZTest(a.x, a.n, b.x, b.n);
    return diff && test ? { diff: diff.diff, ci95: diff.ci95, p: test.p } : null;
  });
  const tested = raw.filter((r): r is NonNullable<typeof r> => r !== null);
  const bh = benjaminiHochberg(
    tested.map((t) => t.p),
    q,
  );
  let at = 0;
  const results = raw.map((r) => {
    if (r === null) return null;
    const i = at++;
    const excludesZero = r.ci95[0] > 0 || r.ci95[1] < 0;
    return {
      ...r,
      pAdjusted: bh.adjusted[i] ?? 1,
      significant: (bh.rejected[i] ?? false) && excludesZero,
    };
  });
  return { family, size: tested.length, q, method: SIGNIFICANCE_METHOD, results };
}
