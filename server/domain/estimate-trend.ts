/**
 * Test for linear trend across the periods of a figure that is not a count of x of n — a median,
 * an index, an NPS — but an estimate with a standard error per period (shared/METRICS.md,
 * "Uncertainty and tests": a trend reports one test across all its periods). The rates' test
 * (linear-trend.ts, Armitage) is the special case of this one with each period's variance
 * p̄(1 − p̄)/n_i.
 *
 * With estimates y_i, standard errors s_i, period scores t_i (default 1, 2, …) and weights
 * w_i = 1/s_i², the inverse-variance weighted least-squares line of y on t has
 *
 *   t̄ = Σ w_i t_i / Σ w_i,   ȳ = Σ w_i y_i / Σ w_i,
 *   Sₜₜ = Σ w_i (t_i − t̄)²,  Sₜᵧ = Σ w_i (t_i − t̄)(y_i − ȳ),
 *   slope b = Sₜᵧ / Sₜₜ,  SE(b) = 1 / √Sₜₜ,  z = b / SE(b),  χ² = z² (1 df),
 *
 * the standard errors taken as known (as the Armitage test takes p̄(1 − p̄)/n_i): the test has
 * no allowance for variation between periods beyond their sampling error. A period without an
 * estimate, or whose standard error is not a finite positive number, is left out; fewer than 3
 * periods left → no test (`too_few_periods`: two points always lie on a line, so the test would
 * be the one change between them, which the trend already tests).
 *
 * Where the figure has only a 95% interval (Wilson, order-statistic, bootstrap, adjusted Wald),
 * `seFromInterval` takes SE = (upper − lower) / (2 · 1.959964): exact for a symmetric normal
 * interval, an approximation for an asymmetric one. Pure.
 */
import { normalTwoSidedP } from './distributions.js';
import { Z95 } from './wilson.js';

export const ESTIMATE_TREND_METHOD =
  'inverse-variance weighted least-squares slope on the period index (weights 1/SE², SE = 95% interval width / (2 × 1.959964), an approximation where the interval is not symmetric); z-test, chi-square = z² with 1 df';

/** Fewest periods the test is made on. */
export const ESTIMATE_TREND_MIN_PERIODS = 3;

export interface EstimateTrendPoint {
  /** The period's figure, or null when it has none. */
  estimate: number | null;
  /** Its standard error; null, 0, infinite or NaN when it has none. */
  se: number | null;
}

export interface EstimateTrendResult {
  /** Change of the figure per period (weighted least-squares slope), in the figure's unit. */
  slope: number;
  /** The slope's standard error. */
  slopeSe: number;
  /** The slope's 95% interval (slope ± 1.959964 SE). */
  slopeCi95: [number, number];
  z: number;
  /** z², 1 degree of freedom. */
  chiSquare: number;
  /** Two-sided p-value. */
  p: number;
  /** Periods used. */
  periods: number;
  method: typeof ESTIMATE_TREND_METHOD;
}

export type EstimateTrendOutcome =
  { test: EstimateTrendResult; reason?: undefined } | { test: null; reason: 'too_few_periods' };

/** The standard error a 95% interval stands for: its width / (2 · 1.959964); null without one. */
export function seFromInterval(ci95: readonly [number, number] | null | undefined): number | null {
  if (!ci95) return null;
  const se = (ci95[1] - ci95[0]) / (2 * Z95);
  return Number.isFinite(se) && se > 0 ? se : null;
}

export function estimateTrendTest(
  points: readonly EstimateTrendPoint[],
  /** The period index of each point (default 1, 2, …). */
  scores?: readonly number[],
): EstimateTrendOutcome {
  const used = points
    .map((p, i) => ({ y: p.estimate, se: p.se, t: scores ? (scores[i] ?? NaN) : i + 1 }))
    .filter(
      (p): p is { y: number; se: number; t: number } =>
        p.y !== null && Number.isFinite(p.y) && p.se !== null && Number.isFinite(p.se) && p.se > 0,
    );
  if (used.length < ESTIMATE_TREND_MIN_PERIODS) return { test: null, reason: 'too_few_periods' };
  if (used.some((p) => !Number.isFinite(p.t))) {
    throw new RangeError('estimateTrendTest: need finite period scores');
  }
  let sw = 0;
  let swt = 0;
  let swy = 0;
  for (const p of used) {
    const w = 1 / (p.se * p.se);
    sw += w;
    swt += w * p.t;
    swy += w * p.y;
  }
  const tBar = swt / sw;
  const yBar = swy / sw;
  let stt = 0;
  let sty = 0;
  for (const p of used) {
    const w = 1 / (p.se * p.se);
    stt += w * (p.t - tBar) ** 2;
    sty += w * (p.t - tBar) * (p.y - yBar);
  }
  // Scores all the same: no line to fit.
  if (!(stt > 0)) return { test: null, reason: 'too_few_periods' };
  const slope = sty / stt;
  const slopeSe = 1 / Math.sqrt(stt);
  const z = slope / slopeSe;
  return {
    test: {
      slope,
      slopeSe,
      slopeCi95: [slope - Z95 * slopeSe, slope + Z95 * slopeSe],
      z,
      chiSquare: z * z,
      p: normalTwoSidedP(Math.abs(z)),
      periods: used.length,
      method: ESTIMATE_TREND_METHOD,
    },
  };
}
