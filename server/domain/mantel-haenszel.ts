/**
 * The Mantel–Haenszel risk difference across strata (shared/METRICS.md, Bottlenecks §5): the
 * difference of two rates adjusted for a stratifying variable (e.g. region), so that groups whose
 * mix over the strata differs are compared like with like.
 *
 * In stratum k, group 1 has a_k of n1_k, group 0 has c_k of n0_k (b_k = n1_k − a_k,
 * d_k = n0_k − c_k, N_k = n1_k + n0_k), and w_k = n1_k·n0_k / N_k:
 *
 *   RD_MH = Σ w_k (a_k/n1_k − c_k/n0_k) / Σ w_k
 *   Var   = Σ w_k² (a_k b_k / (n1_k² (n1_k − 1)) + c_k d_k / (n0_k² (n0_k − 1))) / (Σ w_k)²
 *
 * the variance of Greenland & Robins (1985, "Estimation of a common effect parameter from sparse
 * follow-up data", Biometrics 41), as given in Rothman, Greenland & Lash, Modern Epidemiology.
 * A stratum with an empty side has weight 0; a side with one answer adds no variance term (its
 * a·b or c·d is 0). 95% interval RD ± z·sqrt(Var); two-sided p from z = RD / SE. Null when no
 * stratum has both groups.
 *
 * Protected figures: a stratum's `added1`/`added0` are the variances its two rates carry besides
 * sampling (the perturbation's, perturbation.ts rateNoise); each adds w_k² · added to the
 * numerator of Var, as the rates' noise is independent of sampling and across strata.
 */
import { normalTwoSidedP } from './distributions.js';
import { Z95, type Interval } from './wilson.js';

export interface Stratum {
  x1: number;
  n1: number;
  x0: number;
  n0: number;
  /** Variance of x1/n1 besides sampling (protected figures). */
  added1?: number;
  /** Variance of x0/n0 besides sampling (protected figures). */
  added0?: number;
}

export interface RiskDifferenceResult {
  diff: number;
  se: number;
  ci95: Interval;
  p: number;
  /** Strata with both groups. */
  strata: number;
}

export function mantelHaenszelRiskDifference(
  strata: readonly Stratum[],
  z: number = Z95,
): RiskDifferenceResult | null {
  let weights = 0;
  let weighted = 0;
  let variance = 0;
  let used = 0;
  for (const s of strata) {
    if (!(s.n1 > 0 && s.n0 > 0)) continue;
    used += 1;
    const w = (s.n1 * s.n0) / (s.n1 + s.n0);
    weights += w;
    weighted += w * (s.x1 / s.n1 - s.x0 / s.n0);
    const t1 = s.n1 > 1 ? (s.x1 * (s.n1 - s.x1)) / (s.n1 * s.n1 * (s.n1 - 1)) : 0;
    const t0 = s.n0 > 1 ? (s.x0 * (s.n0 - s.x0)) / (s.n0 * s.n0 * (s.n0 - 1)) : 0;
    variance += w * w * (t1 + t0 + (s.added1 ?? 0) + (s.added0 ?? 0));
  }
  if (used === 0) return null;
  const diff = weighted / weights;
  const se = Math.sqrt(variance) / weights;
  return {
    diff,
    se,
    ci95: [diff - z * se, diff + z * se],
    p: se > 0 ? normalTwoSidedP(diff / se) : diff === 0 ? 1 : 0,
    strata: used,
  };
}
