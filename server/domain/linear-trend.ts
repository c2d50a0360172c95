/**
 * Chi-square test for linear trend in proportions (Armitage 1955; Cochran 1954), the one test
 * across all the periods of a trend (shared/METRICS.md, "Uncertainty and tests"). With scores t_i
 * (default 1, 2, …: equally spaced periods), x_i successes of n_i, N = Σn_i, X = Σx_i, p̄ = X/N
 * and t̄ = Σn_i·t_i / N:
 *
 *   T  = Σ x_i·t_i − X·t̄
 *   χ² = T² / ( p̄(1 − p̄) · (Σ n_i·t_i² − N·t̄²) ),  1 degree of freedom,
 *
 * exactly R's `prop.trend.test`. The slope Σ is the change of the rate per period of the weighted
 * least-squares line (b = T / (Σ n_i t_i² − N t̄²)). Null when fewer than 2 periods have data, or
 * when every answer is the same (p̄ = 0 or 1) or every score is the same.
 *
 * Protected figures: a period's rate may carry variance besides sampling (`added`, the
 * perturbation's, server/reports/rate-noise.ts). Its count x_i = n_i·rate then carries n_i²·added_i
 * more, independent between periods, and T's variance under no trend becomes
 * p̄(1 − p̄)·Σ n_i(t_i − t̄)² + Σ (t_i − t̄)²·n_i²·added_i; the method says so.
 */
import { normalTwoSidedP } from './distributions.js';

export interface LinearTrendResult {
  /** The chi-square statistic (1 df). */
  chiSquare: number;
  /** Its p-value. */
  p: number;
  /** Change of the rate per period (weighted least-squares slope). */
  slope: number;
  /** Periods used. */
  periods: number;
  method: typeof ARMITAGE | typeof ARMITAGE_PERTURBED;
}

const ARMITAGE = 'chi-square test for linear trend (Armitage)';
const ARMITAGE_PERTURBED =
  "chi-square test for linear trend (Armitage), the counts' perturbation variance added";

export function linearTrendTest(
  points: readonly { x: number; n: number; added?: number | undefined }[],
  scores?: readonly number[],
): LinearTrendResult | null {
  const used = points
    .map((p, i) => ({ ...p, t: scores ? (scores[i] ?? NaN) : i + 1 }))
    .filter((p) => p.n > 0);
  if (used.length < 2) return null;
  let N = 0;
  let X = 0;
  let nt = 0;
  let ntt = 0;
  let xt = 0;
  for (const p of used) {
    if (!(p.x >= 0 && p.x <= p.n) || !Number.isFinite(p.t)) {
      throw new RangeError('linearTrendTest: need 0 ≤ x ≤ n and finite scores');
    }
    N += p.n;
    X += p.x;
    nt += p.n * p.t;
    ntt += p.n * p.t * p.t;
    xt += p.x * p.t;
  }
  const pBar = X / N;
  const tBar = nt / N;
  const sTT = ntt - N * tBar * tBar;
  const T = xt - X * tBar;
  let perturbed = 0;
  for (const p of used) {
    if (p.added) perturbed += (p.t - tBar) ** 2 * p.n * p.n * p.added;
  }
  const variance = pBar * (1 - pBar) * sTT + perturbed;
  if (!(pBar * (1 - pBar) * sTT > 0)) return null;
  const chiSquare = (T * T) / variance;
  return {
    chiSquare,
    p: normalTwoSidedP(Math.sqrt(chiSquare)),
    slope: T / sTT,
    periods: used.length,
    method: perturbed > 0 ? ARMITAGE_PERTURBED : ARMITAGE,
  };
}
