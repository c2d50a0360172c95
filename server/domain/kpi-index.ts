/**
 * Social KPI index, 0–100 (shared/METRICS.md): a weighted mean of component scores, each scaled
 * against a fixed target published with the index (never against observed minima and maxima, so
 * waves stay comparable).
 *
 * Scaling rules (score of one component, 0–100):
 * - rates (satisfaction, trust, affordability, coverage): `min(100, 100 · value / target)`, with
 *   value clamped at 0 from below; reaching the target scores 100, half the target scores 50.
 * - delivery time (inverted), on the median days: `100` when median ≤ target days, otherwise
 *   `100 · target / median` (twice the target scores 50).
 *
 * A component whose value is missing or suppressed (null/undefined) or whose weight is 0 is left
 * out and the remaining weights are renormalised to sum to 1. The index is null when no component
 * is left. The result lists the components used, their scores and renormalised weights.
 */

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
  /**
   * Targets: rates as fractions (satisfaction, trust, affordability, coverage); `deliveryTime` in
   * days (median days at or under it score 100).
   */
  targets: Record<KpiComponent, number>;
}

/**
 * Default weights (METRICS.md) and targets (Ovoz's published defaults):
 * satisfaction rate 0.85, trust rate 0.75, delivery median 15 days, affordability 0.90,
 * coverage 0.90.
 */
export const DEFAULT_KPI_CONFIG: Readonly<KpiConfig> = Object.freeze({
  weights: Object.freeze({
    satisfaction: 0.35,
    trust: 0.15,
    deliveryTime: 0.2,
    affordability: 0.15,
    coverage: 0.15,
  }),
  targets: Object.freeze({
    satisfaction: 0.85,
    trust: 0.75,
    deliveryTime: 15,
    affordability: 0.9,
    coverage: 0.9,
  }),
});

/** The observed indicator values; null/undefined = missing or suppressed. */
export interface KpiInputs {
  /** Satisfaction rate (fraction). */
  satisfaction?: number | null;
  /** Trust rate (fraction). */
  trust?: number | null;
  /** Median delivery days. */
  deliveryTime?: number | null;
  /** Affordability index (fraction). */
  affordability?: number | null;
  /** Coverage coefficient (fraction; may exceed 1). */
  coverage?: number | null;
}

export interface KpiIndexResult {
  /** The index, 0–100, or null when no component is available. */
  index: number | null;
  /** The components used, in the order of KPI_COMPONENTS. */
  components: KpiComponent[];
  /** The 0–100 score of each component used. */
  scores: Partial<Record<KpiComponent, number>>;
  /** The renormalised weight of each component used (they sum to 1). */
  weights: Partial<Record<KpiComponent, number>>;
}

/** The 0–100 score of one component against its target (rules in the file comment). */
export function componentScore(component: KpiComponent, value: number, target: number): number {
  if (!(target > 0)) throw new RangeError(`KPI target for ${component} must be > 0`);
  if (component === 'deliveryTime') {
    return value <= target ? 100 : (100 * target) / value;
  }
  return Math.min(100, (100 * Math.max(0, value)) / target);
}

export function socialKpiIndex(
  inputs: KpiInputs,
  config: Readonly<KpiConfig> = DEFAULT_KPI_CONFIG,
): KpiIndexResult {
  const used: KpiComponent[] = [];
  const scores: Partial<Record<KpiComponent, number>> = {};
  let weightSum = 0;
  for (const component of KPI_COMPONENTS) {
    const value = inputs[component];
    const weight = config.weights[component];
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    if (!(weight > 0)) continue;
    used.push(component);
    scores[component] = componentScore(component, value, config.targets[component]);
    weightSum += weight;
  }
  if (used.length === 0) return { index: null, components: [], scores: {}, weights: {} };
  const weights: Partial<Record<KpiComponent, number>> = {};
  let index = 0;
  for (const component of used) {
    const w = config.weights[component] / weightSum;
    weights[component] = w;
    index += w * (scores[component] ?? 0);
  }
  return { index, components: used, scores, weights };
}
