/**
 * What a protected report adds to the figures the reports computed from perturbed counts
 * (shared/METRICS.md, Disclosure control, item 4). Pure.
 *
 * - Every rate interval (`{ n, rate, ci95 }`) includes the perturbation's variance: a rate
 *   p = x / (x + y) is read from two counts per block (top answers x and the rest y, each
 *   perturbed with its own keys: freeze.ts), so over B blocks whose rate counts have mean noise
 *   variance v (from the table) its noise variance is `B·v·((1 − p)² + p²) / n²` (the delta
 *   method). The Wilson interval is recomputed with the
 *   effective sample size `n · s / (s + noise)`, s = p(1 − p)/n the sampling variance (p shrunk to
 *   (x + 2)/(n + 4) for it, so a rate of 0 or 1 still widens).
 * - A figure whose protected n is under the display threshold shows no rate, interval or mean.
 */
import { effectiveCounts } from '../domain/comparisons.js';
import { wilson, type Interval } from '../domain/wilson.js';
import type { Group } from '../reports/rollup-reader.js';
import type { Noise } from './blocks.js';

/** The noise variance of a rate p of n over the group's blocks (see above). */
export function rateNoiseVariance(p: number, n: number, noise: Noise): number {
  if (n <= 0) return 0;
  return (noise.blocks * noise.meanVariance * ((1 - p) ** 2 + p * p)) / (n * n);
}

/**
 * The Wilson interval of x of n widened by the perturbation's variance. `sampleN`: the sample
 * size the sampling variance stands on (a weighted rate's effective n; n otherwise).
 */
export function widenedInterval(
  x: number,
  n: number,
  noise: Noise,
  sampleN: number = n,
): Interval | null {
  if (n <= 0 || sampleN <= 0) return null;
  const p = Math.min(1, Math.max(0, x / n));
  // The rate on its effective sample size (the domain's effectiveCounts, as every protected
  // contrast is tested), from the sample size its sampling variance stands on.
  const eff = effectiveCounts(p * sampleN, sampleN, rateNoiseVariance(p, n, noise));
  return wilson(eff.x, eff.n);
}

type Json = unknown;

const isRateRow = (o: Record<string, unknown>) =>
  typeof o.n === 'number' && 'rate' in o && 'ci95' in o;

/**
 * Walks a report body: rate rows get the widened interval and lose rate, interval and mean under
 * the display threshold. `noiseOf` gives the noise of the nearest enclosing `group`.
 */
export function finishProtected(
  body: Json,
  noiseOf: (group: Group | undefined) => Noise,
  displayMinN: number,
): Json {
  // `included`: an enclosing figure's intervals already include the perturbation's variance
  // (`includesPerturbation`, server/domain/perturbation.ts): kept as they are.
  const walk = (value: Json, group: Group | undefined, included = false): Json => {
    if (Array.isArray(value)) return value.map((v) => walk(v, group, included));
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, unknown>;
    const here =
      o.group !== null && typeof o.group === 'object' && !Array.isArray(o.group)
        ? (o.group as Group)
        : group;
    const inside = included || o.includesPerturbation === true;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'group' ? v : walk(v, here, inside);
    if (!isRateRow(o)) return out;
    const n = o.n as number;
    if (n < displayMinN) {
      out.rate = null;
      out.ci95 = null;
      if ('mean' in out) out.mean = null;
      return out;
    }
    if (typeof o.rate === 'number' && Array.isArray(o.ci95) && !inside) {
      // A weighted rate's interval stands on its effective n (docs/weights.md).
      const sampleN = typeof o.nEff === 'number' ? o.nEff : n;
      out.ci95 = widenedInterval(o.rate * n, n, noiseOf(here), sampleN);
    }
    return out;
  };
  return walk(body, undefined);
}
