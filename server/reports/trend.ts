/**
 * GET /api/reports/trend: the satisfaction rate per period (month or wave) of each series (the
 * other groupBy dimensions). A period still running on the report's last day (or cut by the
 * report's date range) is marked `partial` and never tested. Each complete period is compared
 * with the series' previous complete period: the difference, its Newcombe interval and whether it
 * is significant after Benjamini–Hochberg control over the steps of that series (the domain's
 * compareFamily: one meaning of "significant"). Each series also reports one test across all its
 * complete periods (chi-square test for linear trend). Suppression runs across every point beside
 * the overall. Pure.
 */
import type { RateNoise } from './rate-noise.js';
import { compareFamily, linearTrendTest, topBoxRate, type Contrast } from '../domain/index.js';
import { countsOf } from './group-counts.js';
import type { Group, GroupCounts, Wave } from './rollup-reader.js';
import { scoreRows } from './score-rows.js';
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

interface Step {
  series: string;
  from: string | null;
  contrast: Contrast;
}

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
  const partial = points.map((p) =>
    clock === null ? false : isPartialPeriod(period, p.group[period] ?? null, clock),
  );
  // The steps: each complete, shown period against the previous complete, shown one of its series.
  const steps: (Step | null)[] = [];
  const trendPoints = new Map<string, { x: number; n: number }[]>();
  let previous: { key: string; period: string | null; index: number } | null = null;
  points.forEach((p, i) => {
    const { [period]: at = null, ...group } = p.group;
    const key = JSON.stringify(group);
    if (previous?.key !== key) previous = null;
    const usable = !rows[i]!.suppressed && !partial[i];
    if (!usable) {
      steps.push(null);
      return;
    }
    const cur = topBoxRate(countsOf(p, v));
    let list = trendPoints.get(key);
    if (!list) trendPoints.set(key, (list = []));
    list.push({ x: cur.satisfied, n: cur.n });
    if (previous === null) steps.push(null);
    else {
      const prev = topBoxRate(countsOf(points[previous.index]!, v));
      steps.push({
        series: key,
        from: previous.period,
        contrast: {
          x1: cur.satisfied,
          n1: cur.n,
          x2: prev.satisfied,
          n2: prev.n,
          added1: noise?.of(p.group, cur.satisfied, cur.n),
          added2: noise?.of(points[previous.index]!.group, prev.satisfied, prev.n),
        },
      });
    }
    previous = { key, period: at, index: i };
  });
  // Benjamini–Hochberg over the steps of each series.
  const results = new Map<number, ReturnType<typeof compareFamily>['results'][number]>();
  const families = new Map<string, number[]>();
  steps.forEach((s, i) => {
    if (s === null) return;
    const list = families.get(s.series) ?? [];
    list.push(i);
    families.set(s.series, list);
  });
  const familyOf = new Map<string, { size: number }>();
  for (const [series, indices] of families) {
    const fam = compareFamily(
      'steps of this series',
      indices.map((i) => steps[i]!.contrast),
    );
    indices.forEach((i, j) => results.set(i, fam.results[j] ?? null));
    familyOf.set(series, { size: fam.size });
  }

  const series = new Map<string, { group: Group; points: unknown[]; key: string }>();
  points.forEach((p, i) => {
    const { [period]: at = null, ...group } = p.group;
    const key = JSON.stringify(group);
    let s = series.get(key);
    if (!s) series.set(key, (s = { group, points: [], key }));
    const step = steps[i] ?? null;
    const r = results.get(i) ?? null;
    s.points.push({
      period: at,
      ...rows[i]!,
      partial: partial[i]!,
      change:
        step && r
          ? {
              from: step.from,
              diff: r.diff,
              ci95: r.ci95,
              p: r.p,
              pAdjusted: r.pAdjusted,
              significant: r.significant,
            }
          : null,
    });
  });
  return {
    period,
    overall: total,
    significance: {
      family: 'the changes between consecutive complete periods of each series',
      method: compareFamily('', []).method,
      partial: 'a period still running, or cut by the date range, is shown but never tested',
    },
    series: [...series.values()].map(({ key, ...s }) => ({
      ...s,
      steps: familyOf.get(key)?.size ?? 0,
      linearTrend: linearTrendTest(trendPoints.get(key) ?? []),
    })),
  };
}
