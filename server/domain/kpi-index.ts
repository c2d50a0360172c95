/**
 * Social KPI index, 0–100 (shared/METRICS.md): a weighted mean of component scores, each scaled
 * linearly between a published floor (scores 0) and target (scores 100), never against observed
 * minima and maxima, so waves and levels stay comparable.
 *
 * Scaling (score of one component, 0–100):
 * - rates (satisfaction, trust, affordability, coverage): `100 · (value − floor) / (target −
 *   floor)`, kept inside [0, 100];
 * - delivery time (inverted), on the median days: 100 at or under the target days, 0 at or over
 *   the floor days, linear between.
 * The default floors and targets are chosen so that real data (the demo's 61 providers and 14
 * regions) does not pile up at either end: see DEFAULT_KPI_CONFIG.
 *
 * Comparability: a row is `comparable` only when it has every component with a weight > 0. A row
 * missing one (no data, suppressed, or — like a provider, which has no eligible population — not
 * measurable at its level) still gets the weighted mean of what it has, but is marked
 * `comparable: false`, lists what it used and what it misses, and must be left out of rankings.
 *
 * Interval (delta method, documented in docs/indicators.md): each component's 95% interval (Wilson
 * for rates, the order-statistic interval for the median days; coverage comes from administrative
 * counts and has none) is mapped through its scaling to a score interval; the index's half-widths
 * below and above are the weighted sums of the components' half-widths, i.e. the components' errors
 * are added as if perfectly correlated. That is an upper bound whatever their correlation (they are
 * measured on the same respondents and their covariances are not in the rollups), so the interval
 * is conservative. Kept inside [0, 100].
 */
import type { Interval } from './wilson.js';

export const KPI_COMPONENTS = [
  'satisfaction',
  'trust',
  'deliveryTime',
  'affordability',
  'coverage',
] as const;
export type KpiComponent = (typeof KPI_COMPONENTS)[number];

export interface KpiConfig {
  /** Relative weights; they need not sum to 1 (they are normalised). */
  weights: Record<KpiComponent, number>;
  /** Where a component scores 0: rates as fractions; `deliveryTime` in days (at or over: 0). */
  floors: Record<KpiComponent, number>;
  /** Where a component scores 100: rates as fractions; `deliveryTime` in days (at or under: 100). */
  targets: Record<KpiComponent, number>;
}

/**
 * Default weights (METRICS.md), floors and targets (Ovoz's published defaults): satisfaction
 * 0.30 → 0.95, trust 0.20 → 0.90, delivery median 30 → 3 days, affordability 0.50 → 1.00,
 * coverage 0.20 → 1.00.
 */
export const DEFAULT_KPI_CONFIG: Readonly<KpiConfig> = Object.freeze({
  weights: Object.freeze({
    satisfaction: 0.35,
    trust: 0.15,
    deliveryTime: 0.2,
    affordability: 0.15,
    coverage: 0.15,
  }),
  floors: Object.freeze({
    satisfaction: 0.3,
    trust: 0.2,
    deliveryTime: 30,
    affordability: 0.5,
    coverage: 0.2,
  }),
  targets: Object.freeze({
    satisfaction: 0.95,
    trust: 0.9,
    deliveryTime: 3,
    affordability: 1,
    coverage: 1,
  }),
});

/** The observed indicator values; null/undefined = missing or suppressed. */
export type KpiInputs = Partial<Record<KpiComponent, number | null>>;

/** Each component's 95% interval on its own scale; null/undefined = none (e.g. coverage). */
export type KpiIntervals = Partial<Record<KpiComponent, Interval | null>>;

export interface KpiIndexResult {
  /** The index, 0–100, or null when no component is available. */
  index: number | null;
  /** Conservative 95% interval of the index (file comment), or null. */
  ci95: Interval | null;
  /** True only when every weighted component is present: rows are ranked only then. */
  comparable: boolean;
  /** The components used, in the order of KPI_COMPONENTS. */
  components: KpiComponent[];
  /** The weighted components this row has no value for. */
  missing: KpiComponent[];
  /** The 0–100 score of each component used. */
  scores: Partial<Record<KpiComponent, number>>;
  /** The renormalised weight of each component used (they sum to 1). */
  weights: Partial<Record<KpiComponent, number>>;
}

/** The 0–100 score of one component between its floor and target (rules in the file comment). */
export function componentScore(
  component: KpiComponent,
  value: number,
  floor: number,
  target: number,
): number {
  if (!(floor !== target) || !Number.isFinite(floor) || !Number.isFinite(target)) {
    throw new RangeError(`KPI floor and target of ${component} must differ`);
  }
  // Works for both directions: delivery time has floor > target (fewer days is better).
  const score = 100 * ((value - floor) / (target - floor));
  return Math.min(100, Math.max(0, score));
}

export function socialKpiIndex(
  inputs: KpiInputs,
  config: Readonly<KpiConfig> = DEFAULT_KPI_CONFIG,
  intervals: KpiIntervals = {},
): KpiIndexResult {
  const used: KpiComponent[] = [];
  const missing: KpiComponent[] = [];
  const scores: Partial<Record<KpiComponent, number>> = {};
  let weightSum = 0;
  for (const component of KPI_COMPONENTS) {
    const value = inputs[component];
    const weight = config.weights[component];
    if (!(weight > 0)) continue;
    if (value === null || value === undefined || !Number.isFinite(value)) {
      missing.push(component);
      continue;
    }
    used.push(component);
    const { floors, targets } = config;
    scores[component] = componentScore(component, value, floors[component], targets[component]);
    weightSum += weight;
  }
  if (used.length === 0) {
    return {
      index: null,
      ci95: null,
      comparable: false,
      components: [],
      missing,
      scores: {},
      weights: {},
    };
  }
  const weights: Partial<Record<KpiComponent, number>> = {};
  let index = 0;
  let below = 0;
  let above = 0;
  for (const component of used) {
    const w = config.weights[component] / weightSum;
    const score = scores[component] ?? 0;
    weights[component] = w;
    index += w * score;
    const ci = intervals[component];
    if (ci) {
      const f = config.floors[component];
      const t = config.targets[component];
      const a = componentScore(component, ci[0], f, t);
      const b = componentScore(component, ci[1], f, t);
      below += w * Math.max(0, score - Math.min(a, b));
      above += w * Math.max(0, Math.max(a, b) - score);
    }
  }
  return {
    index,
    ci95: [Math.max(0, index - below), Math.min(100, index + above)],
    comparable: missing.length === 0,
    components: used,
    missing,
    scores,
    weights,
  };
}
