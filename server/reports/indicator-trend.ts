/**
 * GET /api/reports/trend?indicator=…: any indicator of the indicators report (shared/METRICS.md)
 * per period of each series, not only satisfaction. Each period's figure is the one the
 * indicators report gives for that period and group — the same counts, estimator, interval,
 * suppression and (protected figures) perturbation — so this module computes nothing of its own:
 * it picks the indicator from the indicators report's rows of the trend's points and hands them
 * to the trend's series (trend.ts) for the changes and their family. Pure.
 */
import type { Interval } from '../domain/wilson.js';
import type { indicatorsReport } from './indicators.js';
import { countsOf } from './group-counts.js';
import { answerNoise, type RateNoise } from './rate-noise.js';
import type { GroupCounts } from './rollup-reader.js';
import type { IndicatorVariables } from './survey-variables.js';
import {
  TREND_SIGNIFICANCE,
  trendSeries,
  type TrendClock,
  type TrendFigure,
  type TrendSide,
} from './trend.js';

/** The indicators a trend follows besides satisfaction (`driver:<name>` for each driver). */
export const TREND_INDICATORS = [
  'satisfaction',
  'trust',
  'nps',
  'ces',
  'deliveryTime',
  'affordability',
  'informalRate',
  'kpi',
  'responseRate',
  'coverage',
] as const;

/**
 * The unit of an indicator's values: `share` a fraction 0–1 (rates, ratios), `nps` a fraction
 * −1…1 (shown −100…100), `days`, `index` 0–100.
 */
export type TrendUnit = 'share' | 'nps' | 'days' | 'index';

/** The indicators a survey's questionnaire can give, in the order the admin app offers them. */
export function indicatorsOf(v: IndicatorVariables): string[] {
  return [
    ...(v.satisfaction !== null ? ['satisfaction'] : []),
    'kpi',
    ...(v.trust !== null ? ['trust'] : []),
    ...v.drivers.map((d) => `driver:${d.name}`),
    ...(v.recommend !== null ? ['nps'] : []),
    ...(v.effort !== null ? ['ces'] : []),
    ...(v.deliveryDays !== null ? ['deliveryTime'] : []),
    ...(v.affordability !== null ? ['affordability', 'informalRate'] : []),
    'responseRate',
    'coverage',
  ];
}

export function unitOf(indicator: string): TrendUnit {
  if (indicator === 'nps') return 'nps';
  if (indicator === 'deliveryTime') return 'days';
  if (indicator === 'kpi') return 'index';
  return 'share';
}

type Row = ReturnType<typeof indicatorsReport>['overall'];

/** One period's figure of an indicator, in the trend's point shape. */
export interface IndicatorPoint {
  n: number | null;
  /** The rate's numerator (rates only). */
  x?: number | null;
  value: number | null;
  ci95: Interval | null;
  suppressed: boolean;
  /** The KPI index: the components it used (points on other components are not compared). */
  components?: string[];
  includesPerturbation?: true;
}

interface RateLike {
  n: number | null;
  rate: number | null;
  ci95: readonly [number, number] | null;
  suppressed?: boolean;
}

const NONE: IndicatorPoint = { n: null, value: null, ci95: null, suppressed: true };

const interval = (ci: readonly [number, number] | null | undefined): Interval | null =>
  ci ? [ci[0], ci[1]] : null;

/** A rate row (satisfied of n) as a point, compared by Newcombe's interval. */
function ratePoint(
  r: (RateLike & { satisfied?: number | null; x?: number | null }) | null | undefined,
  added: (x: number, n: number) => number | undefined,
): { point: IndicatorPoint; side: TrendSide | null } {
  if (!r) return { point: NONE, side: null };
  const x = r.satisfied ?? r.x ?? null;
  const point = { n: r.n, x, value: r.rate, ci95: interval(r.ci95), suppressed: !!r.suppressed };
  if (r.suppressed || r.rate === null || x === null || !r.n) return { point, side: null };
  return { point, side: { kind: 'rate', x, n: r.n, added: added(x, r.n) } };
}

/** A value with an interval (median, index, NPS) as a point. */
function valuePoint(
  n: number | null,
  value: number | null,
  ci95: readonly [number, number] | null,
  suppressed: boolean,
  basis?: string,
): { point: IndicatorPoint; side: TrendSide | null } {
  const point = { n, value, ci95: interval(ci95), suppressed };
  if (suppressed || value === null) return { point, side: null };
  return { point, side: { kind: 'value', value, ci95, ...(basis ? { basis } : {}) } };
}

/** The figure of `indicator` in one row of the indicators report. */
function pick(
  indicator: string,
  row: Row,
  added: (x: number, n: number) => number | undefined,
  /** The point's counts of each number of days (and their noise), for the delivery time's test. */
  days?: () => { counts: ReadonlyMap<string, number>; noise?: ReadonlyMap<string, number> },
): { point: IndicatorPoint; side: TrendSide | null } {
  if (indicator.startsWith('driver:')) {
    return ratePoint(row.drivers[indicator.slice('driver:'.length)], added);
  }
  switch (indicator) {
    case 'trust':
      return ratePoint(row.trust, added);
    case 'ces':
      return ratePoint(row.ces, added);
    case 'informalRate': {
      const a = row.affordability;
      if (!a || a.suppressed || !('informalRate' in a)) return { point: NONE, side: null };
      return ratePoint(a.informalRate, added);
    }
    case 'nps': {
      const r = row.nps;
      return r ? valuePoint(r.n, r.nps, r.ci95, r.suppressed) : { point: NONE, side: null };
    }
    case 'deliveryTime': {
      const d = row.deliveryTime;
      if (!d) return { point: NONE, side: null };
      const { point, side } = valuePoint(d.n, d.median, d.medianCi95, d.suppressed);
      return { point, side: side?.kind === 'value' && days ? { ...side, discrete: days() } : side };
    }
    case 'affordability': {
      const a = row.affordability;
      return a ? valuePoint(a.n, a.index, a.ci95, a.suppressed) : { point: NONE, side: null };
    }
    case 'kpi': {
      const k = row.kpi;
      const basis = k.components.join(',');
      const { point, side } = valuePoint(null, k.index, k.ci95, false, basis);
      return { point: { ...point, components: k.components }, side };
    }
    case 'responseRate':
    case 'coverage': {
      const value = row[indicator];
      const point = { n: null, value, ci95: null, suppressed: false };
      return { point, side: value === null ? null : { kind: 'ratio', value } };
    }
    default:
      return { point: NONE, side: null };
  }
}

/**
 * The trend of one indicator. `rows`: the indicators report of the trend's points (one group per
 * point, in the same order) as served — protected rows already finished, so each point shows what
 * the indicators report of its period shows.
 */
export function indicatorTrend(
  indicator: string,
  rows: ReturnType<typeof indicatorsReport>,
  points: readonly GroupCounts[],
  period: 'month' | 'wave',
  clock: TrendClock | null,
  noise: RateNoise | null,
  /** The survey's delivery-days variable (its trend is tested on the days' counts). */
  deliveryDays: string | null = null,
) {
  const noisy = noise !== null ? { includesPerturbation: true as const } : {};
  const figures = points.map((p, i): TrendFigure<IndicatorPoint> => {
    const days =
      deliveryDays === null
        ? undefined
        : () => ({
            counts: countsOf(p, deliveryDays),
            noise: noise?.detail ? answerNoise(noise.detail(p.group), deliveryDays) : undefined,
          });
    const { point, side } = pick(
      indicator,
      rows.groups[i]!,
      (x, n) => noise?.of(p.group, x, n),
      days,
    );
    return { row: { ...point, ...noisy }, side };
  });
  const overall = pick(indicator, rows.overall, () => undefined).point;
  return {
    indicator,
    unit: unitOf(indicator),
    period,
    overall: { ...overall, ...noisy },
    significance: {
      ...TREND_SIGNIFICANCE,
      method:
        'rates: Newcombe 95% interval and two-proportion z-test; medians and indices: normal approximation from the two intervals; ratios of recorded volumes: not tested. Benjamini–Hochberg FDR q = 0.05 over the steps of each series',
    },
    series: trendSeries(points, figures, period, clock),
  };
}
