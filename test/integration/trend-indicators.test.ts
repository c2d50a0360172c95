/**
 * The trend of every indicator (GET /api/reports/trend?indicator=…): each period's point is the
 * figure the indicators report (or, for satisfaction, the satisfaction report) gives for that
 * period alone — the same counts, estimate and interval — with exact figures (`exact=1`) and with
 * protected ones (sums of frozen blocks: both reports read the same stored blocks, so they agree
 * on every draw of the noise), overall and split by region. Changes between periods follow the
 * trend's rules for every indicator.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type DemoApp } from '../helpers/demo-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let demo: DemoApp;
let admin: string;
const S = 'survey=social-services';
const report = (kind: string, query: string, cookie?: string) => demo.report(kind, query, cookie);

/** The figure of an indicator in a row of the indicators report: [n, value, interval]. */
function figureOf(indicator: string, row: Json): [number | null, number | null, unknown] {
  if (indicator.startsWith('driver:')) {
    const r = row.drivers[indicator.slice(7)];
    return [r.n, r.rate, r.ci95];
  }
  switch (indicator) {
    case 'trust':
    case 'ces':
      return [row[indicator].n, row[indicator].rate, row[indicator].ci95];
    case 'nps':
      return [row.nps.n, row.nps.nps, row.nps.ci95];
    case 'deliveryTime':
      return [row.deliveryTime.n, row.deliveryTime.median, row.deliveryTime.medianCi95];
    case 'affordability':
      return [row.affordability.n, row.affordability.index, row.affordability.ci95];
    case 'informalRate': {
      const r = row.affordability.informalRate;
      return r ? [r.n, r.rate, r.ci95] : [null, null, null];
    }
    case 'kpi':
      return [null, row.kpi.index, row.kpi.ci95];
    case 'responseRate':
    case 'coverage':
      return [null, row[indicator], null];
    default:
      throw new Error(indicator);
  }
}

/** P(|Z| ≥ |z|) by Abramowitz & Stegun 26.2.17 (|error| < 7.5e-8 on the tail). */
function twoSidedP(z: number): number {
  const x = Math.abs(z);
  const t = 1 / (1 + 0.2316419 * x);
  const poly =
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return 2 * (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/**
 * The weighted least-squares slope of the points' values on their month, weights 1/SE²
 * with SE = interval width / (2 × 1.959964), by the normal equations; null under 3 points.
 */
function slopeTest(points: Json[]) {
  if (points.length < 3) return null;
  const month = (period: string) => {
    const [y, m] = period.split('-').map(Number) as [number, number];
    return y * 12 + m;
  };
  // Counted from the first point's month: the same slope, better conditioned sums.
  const rows = points.map((p) => ({
    t: month(p.period) - month(points[0].period) + 1,
    y: p.value as number,
    w: ((2 * 1.959964) / (p.ci95[1] - p.ci95[0])) ** 2,
  }));
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  // XᵀWX = [[Σw, Σwt], [Σwt, Σwt²]], XᵀWy = [Σwy, Σwty].
  const [a, b, d] = [sum((r) => r.w), sum((r) => r.w * r.t), sum((r) => r.w * r.t * r.t)];
  const [u, v] = [sum((r) => r.w * r.y), sum((r) => r.w * r.t * r.y)];
  const det = a * d - b * b;
  const slope = (a * v - b * u) / det;
  const se = Math.sqrt(a / det);
  return { slope, se, z: slope / se, p: twoSidedP(slope / se) };
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

beforeAll(async () => {
  demo = await demoApp({ end: '2026-10-31', responses: 4000 }, S);
  admin = demo.admin;
}, 180_000);

afterAll(() => demo?.t.close());

describe('the trend of every indicator', () => {
  it('offers every indicator of the survey and refuses others', async () => {
    const body = await report('trend', '&exact=1');
    expect(body.indicator).toBe('satisfaction');
    expect(body.unit).toBe('share');
    expect(body.indicators).toEqual(
      expect.arrayContaining([
        'satisfaction',
        'kpi',
        'trust',
        'deliveryTime',
        'affordability',
        'informalRate',
        'responseRate',
        'coverage',
      ]),
    );
    expect(body.indicators.filter((i: string) => i.startsWith('driver:')).length).toBeGreaterThan(
      3,
    );
    // The default is the satisfaction trend, unchanged.
    expect(await report('trend', '&exact=1&indicator=satisfaction')).toEqual(body);
    for (const bad of ['wellbeing', 'driver:nothing']) {
      const res = await demo.t.app.request(`/api/reports/trend?${S}&indicator=${bad}`, {
        headers: { cookie: admin },
      });
      expect(res.status).toBe(400);
      const err = (await res.json()) as Json;
      expect(err.error.code).toBe('InvalidQuery');
      expect(err.error.fields[0].name).toBe('indicator');
    }
    // The other reports do not take it.
    const res = await demo.t.app.request(`/api/reports/indicators?${S}&indicator=trust`, {
      headers: { cookie: admin },
    });
    expect(res.status).toBe(400);
  });

  for (const figures of ['exact', 'protected'] as const) {
    it(`gives each period the figure of that period's own report (${figures} figures)`, async () => {
      const exact = figures === 'exact' ? '&exact=1' : '';
      // Protected figures are everyone's default.
      const cookie = admin;
      const { indicators } = await report('trend', exact, cookie);
      const compared = new Map<string, number>();
      for (const indicator of indicators as string[]) {
        const trend = await report('trend', `${exact}&indicator=${indicator}`, cookie);
        expect(trend.indicator).toBe(indicator);
        expect(trend.figures).toBe(figures === 'exact' ? 'exact' : 'perturbed');
        const points = trend.series[0].points.filter((p: Json) => !p.partial);
        expect(points.length).toBeGreaterThanOrEqual(2);
        for (const p of points.slice(-2)) {
          const range = `&from=${p.period}-01&to=${lastDay(p.period)}`;
          if (indicator === 'satisfaction') {
            const one = await report('satisfaction', `${exact}${range}`, cookie);
            expect([p.n, p.rate, p.ci95]).toEqual([
              one.overall.n,
              one.overall.rate,
              one.overall.ci95,
            ]);
          } else {
            const one = await report('indicators', `${exact}${range}`, cookie);
            expect([p.n, p.value, p.ci95]).toEqual(figureOf(indicator, one.overall));
            expect(p.includesPerturbation).toBe(figures === 'exact' ? undefined : true);
          }
          compared.set(indicator, (compared.get(indicator) ?? 0) + 1);
        }
      }
      expect(compared.size).toBe(indicators.length);
    }, 120_000);

    it(`split by region, each region's point is that region's figure (${figures} figures)`, async () => {
      const exact = figures === 'exact' ? '&exact=1' : '';
      // Protected figures are everyone's default.
      const cookie = admin;
      for (const indicator of ['trust', 'deliveryTime', 'kpi', 'driver:timeliness', 'coverage']) {
        const trend = await report(
          'trend',
          `${exact}&indicator=${indicator}&groupBy=region`,
          cookie,
        );
        expect(trend.groupBy).toEqual(['region', 'month']);
        expect(trend.series.length).toBeGreaterThan(5);
        const month = trend.series[0].points.filter((p: Json) => !p.partial).at(-1).period;
        let compared = 0;
        const one = await report(
          'indicators',
          `${exact}&groupBy=region&from=${month}-01&to=${lastDay(month)}`,
          cookie,
        );
        for (const s of trend.series) {
          const p = s.points.find((x: Json) => x.period === month);
          const row = one.groups.find((g: Json) => g.group.region === s.group.region);
          if (!p || !row) continue;
          // Complementary suppression works within each table (this month's regions; the
          // trend's every point): a figure shown in both is the same figure.
          const [n, value, ci95] = figureOf(indicator, row);
          if (p.suppressed || (n === null && value === null && indicator !== 'kpi')) continue;
          // The KPI index stands on its components' figures, each under the same rule.
          if (indicator === 'kpi' && p.components.join() !== row.kpi.components.join()) continue;
          expect([p.n, p.value, p.ci95]).toEqual([n, value, ci95]);
          compared++;
        }
        expect(compared).toBeGreaterThan(5);
      }
    }, 120_000);
  }

  it('tests each change as the satisfaction trend does, one family per series', async () => {
    for (const indicator of ['trust', 'deliveryTime', 'kpi', 'affordability', 'responseRate']) {
      const trend = await report('trend', `&exact=1&indicator=${indicator}&groupBy=sector`);
      expect(trend.unit).toBe(
        {
          trust: 'share',
          deliveryTime: 'days',
          kpi: 'index',
          affordability: 'share',
          responseRate: 'share',
        }[indicator],
      );
      for (const s of trend.series) {
        const shown = s.points.filter((p: Json) => !p.partial && p.value !== null);
        let tested = 0;
        s.points.forEach((p: Json) => {
          if (!p.change) return;
          const before = shown[shown.findIndex((x: Json) => x.period === p.period) - 1];
          expect(p.change.from).toBe(before.period);
          expect(p.change.diff).toBeCloseTo(p.value - before.value, 10);
          if (indicator === 'responseRate') {
            // A ratio of recorded volumes has no interval and is never significant.
            expect(p.change.ci95).toBeNull();
            expect(p.change.significant).toBe(false);
            return;
          }
          tested++;
          expect(p.change.ci95[0]).toBeLessThanOrEqual(p.change.diff);
          expect(p.change.ci95[1]).toBeGreaterThanOrEqual(p.change.diff);
          expect(p.change.pAdjusted).toBeGreaterThanOrEqual(p.change.p - 1e-12);
          if (p.change.significant) {
            expect(p.change.pAdjusted).toBeLessThanOrEqual(0.05);
            expect(p.change.ci95[0] > 0 || p.change.ci95[1] < 0).toBe(true);
          }
        });
        expect(s.steps).toBe(tested);
        if (indicator === 'trust' && tested > 0) expect(s.linearTrend).not.toBeNull();
        if (indicator === 'trust' && s.linearTrend !== null) {
          expect(s.linearTrend.method).toBe('chi-square test for linear trend (Armitage)');
        }
        if (indicator === 'responseRate') {
          // Recorded volumes have no interval: no test, and the series says why.
          expect(s.linearTrend).toBeNull();
          expect(s.linearTrendReason).toBe('no_interval');
        }
        // Every series has its test or says why it has none.
        expect(s.linearTrend === null).toBe(s.linearTrendReason !== undefined);
      }
    }
  });

  it('tests the delivery-time trend on the share of answers at or below the pooled median, as the stored responses give it', async () => {
    const trend = await report('trend', '&exact=1&indicator=deliveryTime');
    const [series] = trend.series;
    const shown = series.points.filter((p: Json) => !p.partial && p.value !== null);
    const months = new Set<string>(shown.map((p: Json) => p.period));
    expect(months.size).toBeGreaterThan(3);
    // Each response's days as ingest counts them: the service dates a link carries, else the answer.
    const { rows } = await sql<{ day: string; service_days: number | null; answers: string }>`
      select r.day, r.service_days, r.answers from response r
      join survey s on s.id = r.survey_id where s.slug = 'social-services'`.execute(
      demo.t.booted.deps.db,
    );
    const byMonth = new Map<string, number[]>();
    for (const r of rows) {
      const month = r.day.slice(0, 7);
      if (!months.has(month)) continue;
      const answered = (JSON.parse(r.answers) as { delivery_days?: number }).delivery_days;
      const days = r.service_days ?? answered;
      if (days === undefined || days === null) continue;
      byMonth.set(month, [...(byMonth.get(month) ?? []), Number(days)]);
    }
    const all = [...byMonth.values()].flat().sort((a, b) => a - b);
    const median = all[Math.ceil(all.length / 2) - 1]!; // the lower median
    // Armitage's statistic, written out: scores are months on the calendar.
    const score = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
    const pts = [...byMonth].map(([m, days]) => ({
      t: score(m),
      n: days.length,
      x: days.filter((d) => d <= median).length,
    }));
    const N = pts.reduce((a, p) => a + p.n, 0);
    const X = pts.reduce((a, p) => a + p.x, 0);
    const tBar = pts.reduce((a, p) => a + p.n * p.t, 0) / N;
    const T = pts.reduce((a, p) => a + p.x * (p.t - tBar), 0);
    const stt = pts.reduce((a, p) => a + p.n * (p.t - tBar) ** 2, 0);
    const chiSquare = (T * T) / ((X / N) * (1 - X / N) * stt);
    expect(series.linearTrend.splitAt).toBe(median);
    expect(series.linearTrend.periods).toBe(months.size);
    expect(series.linearTrend.chiSquare).toBeCloseTo(chiSquare, 9);
    expect(series.linearTrend.slope).toBeCloseTo(T / stt, 12);
  });

  for (const figures of ['exact', 'protected'] as const) {
    it(`tests a linear trend across the periods of every figure that is not a rate (${figures} figures)`, async () => {
      const exact = figures === 'exact' ? '&exact=1' : '';
      const { indicators } = await report('trend', exact);
      const valued = ['nps', 'affordability', 'kpi'].filter((i) => indicators.includes(i));
      expect(valued).toEqual(expect.arrayContaining(['affordability', 'kpi']));
      // Rates: Armitage's test, and on protected figures with the counts' perturbation variance.
      const rates = await report('trend', `${exact}&indicator=trust&groupBy=region`);
      const tested = rates.series.filter((s: Json) => s.linearTrend !== null);
      expect(tested.length).toBeGreaterThan(0);
      for (const s of tested) {
        expect(s.linearTrend.method).toBe(
          figures === 'exact'
            ? 'chi-square test for linear trend (Armitage)'
            : "chi-square test for linear trend (Armitage), the counts' perturbation variance added",
        );
      }
      // A median of whole days: Armitage's test on the share at or below the pooled median.
      for (const groupBy of ['', '&groupBy=region']) {
        const trend = await report('trend', `${exact}&indicator=deliveryTime${groupBy}`);
        expect(trend.series.length).toBeGreaterThan(0);
        for (const s of trend.series) {
          if (s.linearTrend === null) {
            expect(s.linearTrendReason).toMatch(/^(too_few_periods|no_variation)$/);
            continue;
          }
          expect(s.linearTrend.method).toMatch(
            /^chi-square test for linear trend \(Armitage\).*, on the share of answers at or below the pooled median \(\d+\)$/,
          );
          expect(Number.isInteger(s.linearTrend.splitAt)).toBe(true);
          expect(s.linearTrend.method.includes('perturbation')).toBe(figures === 'protected');
        }
      }
      for (const indicator of valued) {
        let tested = 0;
        for (const groupBy of ['', '&groupBy=region']) {
          const trend = await report('trend', `${exact}&indicator=${indicator}${groupBy}`);
          for (const s of trend.series) {
            // The complete periods with a figure; a KPI index only on the components of its last.
            let shown = s.points.filter((p: Json) => !p.partial && p.value !== null);
            if (indicator === 'kpi' && shown.length > 0) {
              const last = shown.at(-1).components.join();
              shown = shown.filter((p: Json) => p.components.join() === last);
            }
            const used = shown.filter((p: Json) => p.ci95 !== null && p.ci95[1] > p.ci95[0]);
            const expected = slopeTest(used);
            if (expected === null) {
              expect(s.linearTrend).toBeNull();
              // Enough periods without enough intervals (a median of few answers, widened by
              // the perturbation) is a reason of its own.
              expect(s.linearTrendReason).toBe(
                shown.length >= 3 ? 'no_interval' : 'too_few_periods',
              );
              continue;
            }
            tested++;
            const t = s.linearTrend;
            expect(t.method).toMatch(/^inverse-variance weighted least-squares slope/);
            expect(t.periods).toBe(used.length);
            expect(t.slope).toBeCloseTo(expected.slope, 9);
            expect(t.slopeSe).toBeCloseTo(expected.se, 9);
            expect(t.z).toBeCloseTo(expected.z, 9);
            expect(t.chiSquare).toBeCloseTo(expected.z ** 2, 8);
            expect(t.slopeCi95[0]).toBeCloseTo(expected.slope - 1.959964 * expected.se, 9);
            expect(t.slopeCi95[1]).toBeCloseTo(expected.slope + 1.959964 * expected.se, 9);
            expect(t.p).toBeCloseTo(expected.p, 6);
          }
        }
        // The overall series, and with exact figures most regions, have enough for a test.
        expect(tested).toBeGreaterThan(figures === 'exact' ? 3 : 0);
      }
    }, 120_000);
  }

  it('answers an unweighted trend of another indicator when weights are asked for', async () => {
    const body = await report('trend', '&indicator=trust&weighted=1');
    expect(body.weighted).toBe(false);
    expect(body.series[0].points[0].weighted).toBeUndefined();
  });
});
