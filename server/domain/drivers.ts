/**
 * Driver (bottleneck) analysis of one group: importance–performance quadrants (shared/METRICS.md,
 * Bottlenecks §1–3).
 *
 * - Importance = the correlation (Spearman by default) between the driver and overall
 *   satisfaction, from the driver × satisfaction table of counts (rows = driver values 1..5,
 *   columns = satisfaction values 1..5). If p ≥ alpha (0.05) importance is 0 with reason
 *   `not_significant`; if the correlation is undefined (all answers to one of the two equal)
 *   importance is 0 with reason `no_variance`.
 * - Performance = the driver's top-2-box rate (4–5) with its Wilson interval, from its own 1–5
 *   histogram.
 * - Quadrants split at the mean importance and the mean performance over the analysed drivers of
 *   the group. "High" means ≥ the mean (with a 1e−12 tolerance, so equal values are not split by
 *   rounding of the mean). In addition a driver with importance ≤ 0 (not significant, undefined,
 *   or a negative association) is never "high importance": when no driver is significant every
 *   importance is 0 and none of them is a bottleneck.
 *   high importance & low performance = `concentrate_here`; high & high = `keep_up`;
 *   low & low = `low_priority`; low importance & high performance = `possible_overkill`.
 * - Minimum data: the group needs at least `minN` (30) responses with both answers. The group's n
 *   is the largest table total over its drivers (respondents who answered satisfaction and at least
 *   that driver). Below minN the whole group is `{ status: 'insufficient_data' }`. Within an
 *   analysed group, a driver whose own table has fewer than minN pairs (e.g. an item asked of few
 *   respondents) or whose histogram holds no valid answer is left out of the quadrants and listed
 *   under `excluded` with reason `insufficient_data`.
 */
import { correlationFromTable, type CorrelationMethod } from './correlation.js';
import type { Counts } from './counts.js';
import { topBoxRate } from './rates.js';
import { wilson, type Interval } from './wilson.js';

export type Quadrant = 'concentrate_here' | 'keep_up' | 'low_priority' | 'possible_overkill';

export interface DriverInput {
  /** The driver's name, e.g. `timeliness`. */
  name: string;
  /** Counts: rows = driver values 1..5, columns = satisfaction values 1..5. */
  table: readonly (readonly number[])[];
  /** The driver's own answers by value (1..5, "na" excluded). */
  counts: Counts;
}

export interface DriverAnalysisOptions {
  /** Correlation method (default Spearman). */
  method?: CorrelationMethod;
  /** Significance level of the importance (default 0.05). */
  alpha?: number;
  /** Minimum responses with both answers (default 30). */
  minN?: number;
}

export type ImportanceReason = 'not_significant' | 'no_variance' | 'too_few_observations';

export interface DriverResult {
  name: string;
  /** Responses that answered both the driver and satisfaction. */
  n: number;
  /** The correlation, or null when undefined. */
  correlation: number | null;
  /** Its two-sided p-value, or null when undefined. */
  p: number | null;
  /** The correlation when significant, else 0. */
  importance: number;
  /** Why importance is 0 (null when the correlation is significant). */
  importanceReason: ImportanceReason | null;
  performance: {
    n: number;
    satisfied: number;
    rate: number;
    ci95: Interval;
    mean: number;
  };
  highImportance: boolean;
  highPerformance: boolean;
  quadrant: Quadrant;
}

export type DriverAnalysisResult =
  | {
      status: 'ok';
      /** The group's responses with both answers (largest driver table total). */
      n: number;
      method: CorrelationMethod;
      alpha: number;
      /** Mean importance over the analysed drivers (the quadrant split). */
      meanImportance: number;
      /** Mean performance over the analysed drivers (the quadrant split). */
      meanPerformance: number;
      drivers: DriverResult[];
      excluded: { name: string; n: number; reason: 'insufficient_data' }[];
    }
  | { status: 'insufficient_data'; n: number; minN: number };

export const DRIVER_MIN_N = 30;
export const DRIVER_ALPHA = 0.05;
const TOLERANCE = 1e-12;

function tableTotal(table: readonly (readonly number[])[]): number {
  let n = 0;
  for (const row of table) for (const c of row) n += c;
  return n;
}

export function quadrantOf(highImportance: boolean, highPerformance: boolean): Quadrant {
  if (highImportance) return highPerformance ? 'keep_up' : 'concentrate_here';
  return highPerformance ? 'possible_overkill' : 'low_priority';
}

export function analyseDrivers(
  drivers: readonly DriverInput[],
  options: DriverAnalysisOptions = {},
): DriverAnalysisResult {
  const method = options.method ?? 'spearman';
  const alpha = options.alpha ?? DRIVER_ALPHA;
  const minN = options.minN ?? DRIVER_MIN_N;
  const totals = drivers.map((d) => tableTotal(d.table));
  const n = totals.reduce((m, t) => Math.max(m, t), 0);
  if (n < minN) return { status: 'insufficient_data', n, minN };

  const excluded: { name: string; n: number; reason: 'insufficient_data' }[] = [];
  const partial: Array<Omit<DriverResult, 'highImportance' | 'highPerformance' | 'quadrant'>> = [];
  drivers.forEach((d, i) => {
    const pairs = totals[i] ?? 0;
    const perf = topBoxRate(d.counts);
    const ci95 = wilson(perf.satisfied, perf.n);
    if (pairs < minN || perf.rate === null || perf.mean === null || ci95 === null) {
      excluded.push({ name: d.name, n: pairs, reason: 'insufficient_data' });
      return;
    }
    const corr = correlationFromTable(d.table, method);
    let importance = 0;
    let importanceReason: ImportanceReason | null;
    if (corr.r === null) importanceReason = corr.reason;
    else if (corr.p < alpha) {
      importance = corr.r;
      importanceReason = null;
    } else importanceReason = 'not_significant';
    partial.push({
      name: d.name,
      n: pairs,
      correlation: corr.r,
      p: corr.p,
      importance,
      importanceReason,
      performance: { n: perf.n, satisfied: perf.satisfied, rate: perf.rate, ci95, mean: perf.mean },
    });
  });

  const count = partial.length;
  const meanImportance = count ? partial.reduce((s, d) => s + d.importance, 0) / count : 0;
  const meanPerformance = count ? partial.reduce((s, d) => s + d.performance.rate, 0) / count : 0;
  const results: DriverResult[] = partial.map((d) => {
    const highImportance = d.importance > 0 && d.importance >= meanImportance - TOLERANCE;
    const highPerformance = d.performance.rate >= meanPerformance - TOLERANCE;
    return {
      ...d,
      highImportance,
      highPerformance,
      quadrant: quadrantOf(highImportance, highPerformance),
    };
  });
  return {
    status: 'ok',
    n,
    method,
    alpha,
    meanImportance,
    meanPerformance,
    drivers: results,
    excluded,
  };
}
