/**
 * GET /api/reports/trend: the satisfaction rate per period (month or wave) of each series (the
 * other groupBy dimensions). A period still running on the report's last day (or cut by the
 * report's date range) is marked `partial` and never tested. Each complete period is compared
 * with the series' previous complete period: the difference, its Newcombe interval and whether it
 * is significant after Benjamini–Hochberg control over the steps of that series (the domain's
 * compareFamily: one meaning of "significant"). Each series also reports one test across all its
 * complete periods (chi-square test for linear trend; for a median, an index or an NPS the
 * inverse-variance weighted slope, estimate-trend.ts), or says why it has none. Suppression runs
 * across every point beside the overall. Pure.
 */
import type { RateNoise } from './rate-noise.js';
import {
  ESTIMATE_TREND_MIN_PERIODS,
  estimateTrendTest,
  linearTrendTest,
  medianShareTrend,
  seFromInterval,
  SIGNIFICANCE_METHOD,
  topBoxRate,
  type EstimateTrendResult,
  type LinearTrendResult,
} from '../domain/index.js';
import { countsOf } from './group-counts.js';
import {
  changeFamily,
  rateChange,
  ratioChange,
  valueChange,
  type Change,
} from './period-change.js';
import type { Group, GroupCounts, Wave } from './rollup-reader.js';
import { scoreRows, type ScoreRow } from './score-rows.js';
import type { IndicatorVariables } from './survey-variables.js';

/** What decides whether a period is complete: the last day with data and the report's range. */
export interface TrendClock {
  /** The local day the report is made (YYYY-MM-DD): a period ending after it is still running. */
  today: string;
  from: string | null;
  to: string | null;
  /** The waves by name, when the trend is by wave. */
  waves?: readonly Wave[];
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** True when the period is not wholly inside [from, min(to, today)]. Pure. */
export function isPartialPeriod(
  period: 'month' | 'wave',
  at: string | null,
  clock: TrendClock,
): boolean {
  if (at === null) return false;
  let first: string;
  let last: string;
  if (period === 'month') {
    first = `${at}-01`;
    last = lastDayOfMonth(at);
  } else {
    const wave = clock.waves?.find((w) => w.name === at);
    if (!wave) return false;
    first = wave.startsOn;
    last = wave.endsOn;
  }
  const end = clock.to !== null && clock.to < clock.today ? clock.to : clock.today;
  return last > end || (clock.from !== null && first < clock.from);
}

/**
 * What one period of a series shows and how its change against the previous one is made: a rate
 * (x of n, Newcombe's interval with the perturbation's variance of protected figures, and the
 * chi-square test for linear trend across the periods), a value with an interval (a median, an
 * index, an NPS: the normal approximation from the two intervals, as the dashboard's tiles), or a
 * ratio of recorded volumes (no interval, no test).
 */
export type TrendSide =
  | { kind: 'rate'; x: number; n: number; added?: number }
  | {
      kind: 'value';
      value: number;
      ci95: readonly [number, number] | null;
      /** What the value is made of (the KPI's components): values of other bases are not compared. */
      basis?: string;
      /**
       * A median of whole numbers (days), with the period's counts of each value (and, protected,
       * each count's noise variance): its trend is tested on the share at or below the series'
       * pooled median, not on the medians (they move by half steps their interval does not say).
       */
      discrete?: {
        counts: ReadonlyMap<string, number>;
        noise?: ReadonlyMap<string, number> | undefined;
      };
    }
  | { kind: 'ratio'; value: number };

export interface TrendFigure<R extends object> {
  /** What the point shows (its figure's fields). */
  row: R;
  /** What its change is made from; null when the point shows no figure (suppressed, no data). */
  side: TrendSide | null;
}

function changeOf(cur: TrendSide, prev: TrendSide): Change | null {
  if (cur.kind === 'rate' && prev.kind === 'rate') {
    return rateChange(
      { rate: cur.x / cur.n, n: cur.n, added: cur.added },
      { rate: prev.x / prev.n, n: prev.n, added: prev.added },
    );
  }
  if (cur.kind === 'value' && prev.kind === 'value') {
    return cur.basis === prev.basis ? valueChange(cur, prev) : null;
  }
  if (cur.kind === 'ratio' && prev.kind === 'ratio') return ratioChange(cur.value, prev.value);
  return null;
}

/** Why a series has no test for linear trend. */
export type LinearTrendReason =
  /** Fewer complete, shown periods than the test needs (2 for rates, 3 for other figures). */
  | 'too_few_periods'
  /** Every answer of every period the same (a rate of 0 or 1 throughout): nothing to test. */
  | 'no_variation'
  /**
   * Enough periods, too few of them with an interval: ratios of recorded volumes (response rate,
   * coverage) never have one; a median of few answers may not.
   */
  | 'no_interval';

type Scored<T> = T & { score: number };

/**
 * The test for linear trend across the complete, shown periods of one series: rates by the
 * chi-square test (Armitage), other figures with an interval by the inverse-variance weighted
 * slope (SE from the interval's width); a KPI index only across the periods made of the same
 * components as its last one. Null with the reason when there is none. Pure.
 */
function seriesLinearTrend(sides: readonly Scored<{ side: TrendSide }>[]): {
  linearTrend: LinearTrendResult | EstimateTrendResult | MedianShareTrendResult | null;
  reason?: LinearTrendReason;
} {
  // Counted from the series' first period (1, 2, … without gaps), so that the sums stay small.
  const first = sides[0]?.score ?? 0;
  sides = sides.map((s) => ({ ...s, score: s.score - first + 1 }));
  const kind = sides[0]?.side.kind;
  if (kind === 'ratio') return { linearTrend: null, reason: 'no_interval' };
  if (kind === 'rate') {
    const rates = sides.flatMap(({ side, score }) =>
      side.kind === 'rate' ? [{ side, score }] : [],
    );
    const test = linearTrendTest(
      rates.map(({ side }) => ({ x: side.x, n: side.n, added: side.added })),
      rates.map(({ score }) => score),
    );
    if (test) return { linearTrend: test };
    return {
      linearTrend: null,
      reason: rates.filter((r) => r.side.n > 0).length < 2 ? 'too_few_periods' : 'no_variation',
    };
  }
  const values = sides.flatMap(({ side, score }) =>
    side.kind === 'value' ? [{ side, score }] : [],
  );
  if (values.some(({ side }) => side.discrete)) return shareAtOrBelowMedianTrend(values);
  const basis = values.at(-1)?.side.basis;
  const same = values.filter(({ side }) => side.basis === basis);
  const outcome = estimateTrendTest(
    same.map(({ side }) => ({ estimate: side.value, se: seFromInterval(side.ci95) })),
    same.map(({ score }) => score),
  );
  if (outcome.test) return { linearTrend: outcome.test };
  // Enough periods with a figure, too few of them with an interval (a median of few answers).
  const enough = same.length >= ESTIMATE_TREND_MIN_PERIODS;
  return { linearTrend: null, reason: enough ? 'no_interval' : outcome.reason };
}

/** A test for linear trend of a median of whole days, and the pooled median it splits at. */
export type MedianShareTrendResult = Omit<LinearTrendResult, 'method'> & {
  method: string;
  /** The series' pooled median: the share of answers at or below it is what is tested. */
  splitAt: number;
};

/** The delivery-time median's series: the domain's medianShareTrend on the periods' days. */
function shareAtOrBelowMedianTrend(values: readonly Scored<{ side: TrendSide }>[]): {
  linearTrend: MedianShareTrendResult | null;
  reason?: LinearTrendReason;
} {
  const used = values.flatMap(({ side, score }) =>
    side.kind === 'value' && side.discrete ? [{ ...side.discrete, score }] : [],
  );
  if (used.length < 2) return { linearTrend: null, reason: 'too_few_periods' };
  const outcome = medianShareTrend(used);
  if (!outcome) return { linearTrend: null, reason: 'no_variation' };
  const { test, splitAt } = outcome;
  return {
    linearTrend: {
      ...test,
      method: `${test.method}, on the share of answers at or below the pooled median (${splitAt})`,
      splitAt,
    },
  };
}

/**
 * The index of a period on the time line, so that a period without a figure leaves its gap:
 * months counted from year 0, waves by their order of start; null when unknown.
 */
function periodScore(period: 'month' | 'wave', at: string | null, clock: TrendClock | null) {
  if (at === null) return null;
  if (period === 'month') {
    const [y, m] = at.split('-').map(Number) as [number, number];
    return Number.isFinite(y) && Number.isFinite(m) ? y * 12 + m : null;
  }
  const i = clock?.waves?.findIndex((w) => w.name === at) ?? -1;
  return i >= 0 ? i + 1 : null;
}

/**
 * The series of a trend: each point's figure, marked `partial` when its period is still running;
 * each complete, shown period compared with the previous complete, shown one of its series, the
 * changes of a series one family (Benjamini–Hochberg: significant when rejected and the interval
 * excludes 0); one test for linear trend per series across its complete, shown periods, each
 * period scored by its place on the time line (or, where unknown, in its series), or the reason
 * it has none (`linearTrendReason`). Pure.
 */
export function trendSeries<R extends object>(
  points: readonly GroupCounts[],
  figures: readonly TrendFigure<R>[],
  period: 'month' | 'wave',
  clock: TrendClock | null,
) {
  const partial = points.map((p) =>
    clock === null ? false : isPartialPeriod(period, p.group[period] ?? null, clock),
  );
  const keyOf = (p: GroupCounts) => {
    const { [period]: _at, ...group } = p.group;
    return { at: p.group[period] ?? null, group, key: JSON.stringify(group) };
  };
  const changes: (Change | null)[] = [];
  const from: (string | null)[] = [];
  const trendPoints = new Map<string, Scored<{ side: TrendSide }>[]>();
  const seriesLength = new Map<string, number>();
  let previous: { key: string; period: string | null; side: TrendSide } | null = null;
  points.forEach((p, i) => {
    const { at, key } = keyOf(p);
    const position = (seriesLength.get(key) ?? 0) + 1;
    seriesLength.set(key, position);
    if (previous?.key !== key) previous = null;
    const side = partial[i] ? null : figures[i]!.side;
    changes.push(side && previous ? changeOf(side, previous.side) : null);
    from.push(previous?.period ?? null);
    if (side === null) return;
    let list = trendPoints.get(key);
    if (!list) trendPoints.set(key, (list = []));
    list.push({ side, score: periodScore(period, at, clock) ?? position });
    previous = { key, period: at, side };
  });
  // Benjamini–Hochberg over the steps of each series.
  const families = new Map<string, number[]>();
  points.forEach((p, i) => {
    if (changes[i]?.p === undefined) return;
    const { key } = keyOf(p);
    families.set(key, [...(families.get(key) ?? []), i]);
  });
  const adjusted = [...changes];
  for (const indices of families.values()) {
    const fam = changeFamily(indices.map((i) => changes[i]!));
    indices.forEach((i, j) => (adjusted[i] = fam[j]!));
  }

  const series = new Map<string, { group: Group; points: unknown[]; key: string }>();
  points.forEach((p, i) => {
    const { at, group, key } = keyOf(p);
    let s = series.get(key);
    if (!s) series.set(key, (s = { group, points: [], key }));
    const c = adjusted[i] ?? null;
    s.points.push({
      period: at,
      ...figures[i]!.row,
      partial: partial[i]!,
      // How each kind is tested is said once, in the report's `significance`.
      change: c
        ? {
            from: from[i]!,
            diff: c.diff,
            ci95: c.ci95,
            ...(c.p !== undefined ? { p: c.p, pAdjusted: c.pAdjusted } : {}),
            significant: c.significant,
          }
        : null,
    });
  });
  return [...series.values()].map(({ key, ...s }) => {
    const { linearTrend, reason } = seriesLinearTrend(trendPoints.get(key) ?? []);
    return {
      ...s,
      steps: families.get(key)?.length ?? 0,
      linearTrend,
      ...(reason ? { linearTrendReason: reason } : {}),
    };
  });
}

/** How a trend's changes are judged, for the report. */
export const TREND_SIGNIFICANCE = {
  family: 'the changes between consecutive complete periods of each series',
  method: SIGNIFICANCE_METHOD,
  partial: 'a period still running, or cut by the date range, is shown but never tested',
};

export function trendReport(
  variables: IndicatorVariables,
  /** Grouped by the series dimensions, then the period dimension (the reader's order). */
  points: readonly GroupCounts[],
  overall: GroupCounts,
  period: 'month' | 'wave',
  k: number,
  clock: TrendClock | null = null,
  /** What a point's rate carries besides sampling (protected figures). */
  noise: RateNoise | null = null,
) {
  const v = variables.satisfaction;
  const { rows, overall: total } = scoreRows(
    points.map((p) => countsOf(p, v)),
    countsOf(overall, v),
    k,
  );
  const figures = points.map((p, i): TrendFigure<ScoreRow> => {
    const row = rows[i]!;
    if (row.suppressed) return { row, side: null };
    const cur = topBoxRate(countsOf(p, v));
    const added = noise?.of(p.group, cur.satisfied, cur.n);
    return { row, side: { kind: 'rate', x: cur.satisfied, n: cur.n, added } };
  });
  return {
    period,
    overall: total,
    significance: TREND_SIGNIFICANCE,
    series: trendSeries(points, figures, period, clock),
  };
}
