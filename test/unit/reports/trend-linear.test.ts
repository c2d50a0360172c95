/**
 * The test for linear trend of each series of a trend (server/reports/trend.ts): which periods it
 * is made on, how they are scored, and why a series has none.
 */
import { describe, expect, it } from 'vitest';
import {
  estimateTrendTest,
  linearTrendTest,
  seFromInterval,
} from '../../../server/domain/index.js';
import type { GroupCounts } from '../../../server/reports/rollup-reader.js';
import {
  trendSeries,
  type TrendClock,
  type TrendFigure,
  type TrendSide,
} from '../../../server/reports/trend.js';

const clock: TrendClock = { today: '2026-06-15', from: null, to: null };

function pointsOf(months: string[], region?: string): GroupCounts[] {
  return months.map((month) => ({
    group: { ...(region ? { region } : {}), month },
    responses: 0,
    answers: new Map(),
    pairs: new Map(),
  }));
}

const figures = (sides: (TrendSide | null)[]): TrendFigure<object>[] =>
  sides.map((side) => ({ row: {}, side }));

const value = (v: number, ci: [number, number] | null, basis?: string): TrendSide => ({
  kind: 'value',
  value: v,
  ci95: ci,
  ...(basis ? { basis } : {}),
});

describe('the linear trend of a series', () => {
  it('tests medians and indices by the weighted slope, months scored on the calendar', () => {
    // March is missing, June is still running: January, February, April, May at 1, 2, 4, 5.
    const months = ['2026-01', '2026-02', '2026-04', '2026-05', '2026-06'];
    const data: [number, [number, number]][] = [
      [10, [8, 12]],
      [9, [7, 12]],
      [8, [7, 9]],
      [6, [4, 9]],
      [1, [0, 2]],
    ];
    const sides = data.map(([v, ci]) => value(v, ci));
    const [s] = trendSeries(pointsOf(months), figures(sides), 'month', clock);
    const expected = estimateTrendTest(
      data.slice(0, 4).map(([v, ci]) => ({ estimate: v, se: seFromInterval(ci) })),
      [1, 2, 4, 5],
    ).test;
    expect(s!.linearTrend).toEqual(expected);
    expect(s!.linearTrend!.periods).toBe(4);
    expect(s!.linearTrend!.method).toMatch(/^inverse-variance weighted/);
    expect(s).not.toHaveProperty('linearTrendReason');
  });

  it('scores rates on the calendar too: 1, 2, … as before when no month is missing', () => {
    const rate = (x: number, n: number): TrendSide => ({ kind: 'rate', x, n });
    const counts = [
      { x: 10, n: 40 },
      { x: 15, n: 40 },
      { x: 25, n: 40 },
    ];
    const testOf = (months: string[]) =>
      trendSeries(pointsOf(months), figures(counts.map((c) => rate(c.x, c.n))), 'month', clock)[0]!
        .linearTrend;
    expect(testOf(['2026-01', '2026-02', '2026-03'])).toEqual(linearTrendTest(counts));
    expect(testOf(['2026-01', '2026-02', '2026-04'])).toEqual(linearTrendTest(counts, [1, 2, 4]));
    expect(testOf(['2026-01', '2026-02', '2026-04'])).not.toEqual(linearTrendTest(counts));
    const same = trendSeries(
      pointsOf(['2026-01', '2026-02']),
      figures([rate(40, 40), rate(30, 30)]),
      'month',
      clock,
    );
    expect(same[0]).toMatchObject({ linearTrend: null, linearTrendReason: 'no_variation' });
    const one = trendSeries(pointsOf(['2026-01']), figures([rate(4, 40)]), 'month', clock);
    expect(one[0]).toMatchObject({ linearTrend: null, linearTrendReason: 'too_few_periods' });
  });

  it('says why a series has none', () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
    const run = (sides: (TrendSide | null)[]) =>
      trendSeries(pointsOf(months), figures(sides), 'month', clock)[0]!;
    // Two periods suppressed leave two: too few.
    expect(run([value(3, [2, 4]), null, value(4, [3, 5]), null])).toMatchObject({
      linearTrend: null,
      linearTrendReason: 'too_few_periods',
    });
    // Enough periods, too few with an interval.
    expect(
      run([value(3, [2, 4]), value(3, null), value(4, [4, 4]), value(5, [4, 6])]),
    ).toMatchObject({ linearTrend: null, linearTrendReason: 'no_interval' });
    // Ratios of recorded volumes never have one.
    const ratio = (v: number): TrendSide => ({ kind: 'ratio', value: v });
    expect(run([ratio(0.1), ratio(0.2), ratio(0.3), ratio(0.4)])).toMatchObject({
      linearTrend: null,
      linearTrendReason: 'no_interval',
    });
    // Nothing shown at all.
    expect(run([null, null, null, null])).toMatchObject({
      linearTrend: null,
      linearTrendReason: 'too_few_periods',
    });
  });

  it("uses only a KPI index's periods on the components of its last one", () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
    const data: [number, [number, number], string][] = [
      [50, [45, 55], 'a,b'],
      [70, [60, 80], 'a'],
      [52, [47, 57], 'a,b'],
      [55, [50, 60], 'a,b'],
      [58, [54, 62], 'a,b'],
    ];
    const sides = data.map(([v, ci, basis]) => value(v, ci, basis));
    const [s] = trendSeries(pointsOf(months), figures(sides), 'month', clock);
    const used = [0, 2, 3, 4].map((i) => data[i]!);
    expect(s!.linearTrend).toEqual(
      estimateTrendTest(
        used.map(([v, ci]) => ({ estimate: v, se: seFromInterval(ci) })),
        [1, 3, 4, 5],
      ).test,
    );
  });

  it('makes one test per series', () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const points = [...pointsOf(months, 'A'), ...pointsOf(months, 'B')];
    const sides = [
      value(1, [0, 2]),
      value(2, [1, 3]),
      value(3, [2, 4]),
      value(3, [2, 4]),
      null,
      value(1, [0, 2]),
    ];
    const [a, b] = trendSeries(points, figures(sides), 'month', clock);
    expect(a!.group).toEqual({ region: 'A' });
    expect(a!.linearTrend!.slope).toBeCloseTo(1, 12);
    expect(b).toMatchObject({ linearTrend: null, linearTrendReason: 'too_few_periods' });
  });
});
