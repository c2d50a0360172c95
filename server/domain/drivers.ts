/**
 * Driver (bottleneck) analysis of one group: importance–performance quadrants (shared/METRICS.md,
 * Bottlenecks §1–3).
 *
 * - Importance = the driver's relative weight in explaining overall satisfaction (Johnson's
 *   relative weights, relative-weights.ts) from the joint correlation matrix of the drivers and
 *   satisfaction: rank (Spearman, default) or Pearson correlations computed exactly from the
 *   pairwise 5×5 tables of counts (driver × satisfaction, and driver × driver from `joint`), never
 *   from single responses. Drivers that move together share credit. Each importance has a 95%
 *   interval (delta method over the normal-theory covariance of the correlations, checked in the
 *   tests against a seeded parametric bootstrap of the correlation matrix). The weights add up to the
 *   model's R²; `importanceShare` is each weight's share of it.
 * - Performance = the driver's top-2-box rate (4–5) with its Wilson interval.
 * - Quadrants split at the mean importance and the mean performance over the drivers of the
 *   group. A driver is placed only when its intervals lie wholly on one side of each split:
 *   importance interval above the split = `high`, below = `low`, crossing it = `unclear` (the same
 *   for performance); if either is unclear, so is the quadrant. High importance & low performance
 *   = `concentrate_here` (the bottleneck); high & high = `keep_up`; low & low = `low_priority`;
 *   low importance & high performance = `above_need` (performing above what matters most).
 * - A driver whose correlations are undefined (every answer the same) has no importance
 *   (`no_variance`) and is left out of the model; when a driver × driver table is missing (rollups
 *   counted before those tables existed: `ovoz rollups rebuild`), no driver has an importance
 *   (`no_joint_table`), and every quadrant is `unclear`.
 * - Minimum data: the group needs at least `minN` (30) responses with both answers. The group's n
 *   is the largest driver × satisfaction table total. Below minN the group is
 *   `{ status: 'insufficient_data' }`. A driver with fewer than minN pairs, or no valid answer, is
 *   listed under `excluded`.
 * - Protected figures (`noise` on the inputs, `jointNoise` in the options): the counts' noise
 *   variances go into every interval the quadrants are placed by — the performance's Wilson
 *   interval on its effective n, and each correlation's variance in the importance's delta method
 *   (perturbation.ts) — and the result says so (`includesPerturbation`).
 */
import { correlationFromTable, type CorrelationMethod } from './correlation.js';
import { integerValue, type Counts } from './counts.js';
import {
  correlationNoise,
  rateNoise,
  varianceOf,
  wilsonWithNoise,
  type CountVariances,
} from './perturbation.js';
import { topBoxRate } from './rates.js';
import { relativeWeightsDelta, type Matrix } from './relative-weights.js';
import { wilson, type Interval } from './wilson.js';

export type Quadrant = 'concentrate_here' | 'keep_up' | 'low_priority' | 'above_need' | 'unclear';
export type Level = 'high' | 'low' | 'unclear';

export interface DriverInput {
  /** The driver's name, e.g. `timeliness`. */
  name: string;
  /** Counts: rows = driver values 1..5, columns = satisfaction values 1..5. */
  table: readonly (readonly number[])[];
  /** The driver's own answers by value (1..5, "na" excluded). */
  counts: Counts;
  /** Protected figures: the noise variances of `counts` (by value) and of `table`'s cells. */
  noise?: { counts: CountVariances; table: readonly (readonly number[])[] };
}

/** The driver × driver table of `a` (rows, values 1..5) and `b` (columns); null when missing. */
export type JointTable = (a: string, b: string) => readonly (readonly number[])[] | null;

export interface DriverAnalysisOptions {
  /** Correlation method (default Spearman). */
  method?: CorrelationMethod;
  /** Minimum responses with both answers (default 30). */
  minN?: number;
  /** The pairwise driver × driver tables. */
  joint?: JointTable;
  /** Protected figures: the noise variances of the cells of `joint`'s tables (same shape). */
  jointNoise?: JointTable;
}

export type ImportanceReason = 'no_variance' | 'no_joint_table';

export interface DriverResult {
  name: string;
  /** Responses that answered both the driver and satisfaction. */
  n: number;
  /** The bivariate correlation with satisfaction (for reference; not the importance). */
  correlation: number | null;
  p: number | null;
  /** The relative weight (share of satisfaction's variance it explains), or null. */
  importance: number | null;
  /** importance / R². */
  importanceShare: number | null;
  importanceCi95: Interval | null;
  importanceReason: ImportanceReason | null;
  performance: {
    n: number;
    satisfied: number;
    rate: number;
    ci95: Interval;
    mean: number;
  };
  importanceLevel: Level;
  performanceLevel: Level;
  quadrant: Quadrant;
}

export const IMPORTANCE_METHOD =
  "Johnson's relative weights from the joint correlation matrix; 95% interval by the delta method (normal-theory covariance of the correlations)";

export type DriverAnalysisResult =
  | {
      status: 'ok';
      /** The group's responses with both answers (largest driver table total). */
      n: number;
      method: CorrelationMethod;
      importanceMethod: typeof IMPORTANCE_METHOD;
      /** Satisfaction's variance explained by the drivers together; null without importance. */
      rSquared: number | null;
      /** Mean importance over the drivers with one (the quadrant split). */
      meanImportance: number | null;
      /** Mean performance over the analysed drivers (the quadrant split). */
      meanPerformance: number;
      drivers: DriverResult[];
      excluded: { name: string; n: number; reason: 'insufficient_data' }[];
      /** Present (true) when the intervals include the perturbation's variance. */
      includesPerturbation?: true;
    }
  | { status: 'insufficient_data'; n: number; minN: number };

export const DRIVER_MIN_N = 30;

function tableTotal(table: readonly (readonly number[])[]): number {
  let n = 0;
  for (const row of table) for (const c of row) n += c;
  return n;
}

export function quadrantOf(importance: Level, performance: Level): Quadrant {
  if (importance === 'unclear' || performance === 'unclear') return 'unclear';
  if (importance === 'high') return performance === 'high' ? 'keep_up' : 'concentrate_here';
  return performance === 'high' ? 'above_need' : 'low_priority';
}

/** Where an interval lies against a split: wholly above, wholly below, or across it. */
export function levelOf(ci: Interval | null, split: number | null): Level {
  if (ci === null || split === null) return 'unclear';
  if (ci[0] > split) return 'high';
  if (ci[1] < split) return 'low';
  return 'unclear';
}

export function analyseDrivers(
  drivers: readonly DriverInput[],
  options: DriverAnalysisOptions = {},
): DriverAnalysisResult {
  const method = options.method ?? 'spearman';
  const minN = options.minN ?? DRIVER_MIN_N;
  const totals = drivers.map((d) => tableTotal(d.table));
  const n = totals.reduce((m, t) => Math.max(m, t), 0);
  if (n < minN) return { status: 'insufficient_data', n, minN };

  const excluded: { name: string; n: number; reason: 'insufficient_data' }[] = [];
  const analysed: Array<{
    input: DriverInput;
    pairs: number;
    correlation: number | null;
    p: number | null;
    performance: DriverResult['performance'];
  }> = [];
  drivers.forEach((d, i) => {
    const pairs = totals[i] ?? 0;
    const perf = topBoxRate(d.counts);
    const top = (key: string) => (integerValue(key, 4, 5) ?? 0) > 0;
    const rest = (key: string) => (integerValue(key, 1, 3) ?? 0) > 0;
    const ci95 = d.noise
      ? wilsonWithNoise(
          perf.satisfied,
          perf.n,
          rateNoise(
            perf.satisfied,
            perf.n,
            varianceOf(d.noise.counts, top),
            varianceOf(d.noise.counts, rest),
          ),
        )
      : wilson(perf.satisfied, perf.n);
    if (pairs < minN || perf.rate === null || perf.mean === null || ci95 === null) {
      excluded.push({ name: d.name, n: pairs, reason: 'insufficient_data' });
      return;
    }
    const corr = correlationFromTable(d.table, method);
    analysed.push({
      input: d,
      pairs,
      correlation: corr.r,
      p: corr.p,
      performance: { n: perf.n, satisfied: perf.satisfied, rate: perf.rate, ci95, mean: perf.mean },
    });
  });

  // The joint correlation matrix of the drivers with defined correlations, satisfaction last.
  const model = analysed.filter((a) => a.correlation !== null);
  let jointMissing = false;
  let smallest = Infinity;
  const full: Matrix = model.map(() => new Array<number>(model.length + 1).fill(0));
  full.push(new Array<number>(model.length + 1).fill(0));
  // Protected figures: each correlation's noise variance (driver × driver, driver × satisfaction).
  const noisy = drivers.some((d) => d.noise !== undefined);
  const added: Matrix = full.map((row) => row.map(() => 0));
  model.forEach((a, i) => {
    full[i]![i] = 1;
    full[i]![model.length] = full[model.length]![i] = a.correlation!;
    if (a.input.noise) {
      added[i]![model.length] = correlationNoise(a.input.table, a.input.noise.table, method);
    }
    smallest = Math.min(smallest, a.pairs);
    for (let j = i + 1; j < model.length; j++) {
      const table = options.joint?.(a.input.name, model[j]!.input.name) ?? null;
      const r = table ? correlationFromTable(table, method, { pValue: false }) : null;
      if (!table || r === null || r.r === null) {
        jointMissing = true;
        continue;
      }
      full[i]![j] = full[j]![i] = r.r;
      const cells = options.jointNoise?.(a.input.name, model[j]!.input.name);
      if (cells) added[i]![j] = correlationNoise(table, cells, method);
      smallest = Math.min(smallest, r.n);
    }
  });
  full[model.length]![model.length] = 1;
  const weights =
    model.length > 0 && !jointMissing
      ? relativeWeightsDelta(full, smallest, noisy ? added : undefined)
      : null;

  const meanImportance =
    weights && weights.weights.length
      ? weights.weights.reduce((s, w) => s + w, 0) / weights.weights.length
      : null;
  const meanPerformance = analysed.length
    ? analysed.reduce((s, d) => s + d.performance.rate, 0) / analysed.length
    : 0;
  const results: DriverResult[] = analysed.map((a) => {
    const k = model.indexOf(a);
    const importance = weights && k >= 0 ? (weights.weights[k] ?? null) : null;
    const importanceCi95 = weights && k >= 0 ? (weights.ci95[k] ?? null) : null;
    const importanceLevel = levelOf(importanceCi95, meanImportance);
    const performanceLevel = levelOf(a.performance.ci95, meanPerformance);
    return {
      name: a.input.name,
      n: a.pairs,
      correlation: a.correlation,
      p: a.p,
      importance,
      importanceShare:
        importance !== null && weights && weights.rSquared > 0
          ? importance / weights.rSquared
          : null,
      importanceCi95,
      importanceReason:
        importance !== null ? null : a.correlation === null ? 'no_variance' : 'no_joint_table',
      performance: a.performance,
      importanceLevel,
      performanceLevel,
      quadrant: quadrantOf(importanceLevel, performanceLevel),
    };
  });
  return {
    status: 'ok',
    n,
    method,
    importanceMethod: IMPORTANCE_METHOD,
    rSquared: weights?.rSquared ?? null,
    meanImportance,
    meanPerformance,
    drivers: results,
    excluded,
    ...(noisy ? { includesPerturbation: true as const } : {}),
  };
}
