/**
 * `weighted=1` on the satisfaction report (docs/weights.md): a region's weighted rate, n_eff,
 * design effect and interval equal a calculation done by hand here with exact fractions; the
 * unweighted report is unchanged; suppression still follows the unweighted count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';
import { DRIVERS, submitOn, type Submission } from '../helpers/submissions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let admin: string;
let region: string;
let p1: string;
let p2: string;

/** `yes` satisfied (5) and `no` not (2) answers through a provider's link. */
const answers = (provider: string, yes: number, no: number): Submission[] =>
  [...Array<number>(yes).fill(5), ...Array<number>(no).fill(2)].map((satisfaction) => ({
    link: { provider },
    answers: { satisfaction, drivers: Object.fromEntries(DRIVERS.map((d) => [d, 3])) },
  }));

/** Exact figures (an admin's `exact=1`): the weights are checked against hand-worked counts. */
async function satisfaction(q: string): Promise<Json> {
  const res = await t.app.request(`/api/reports/satisfaction?survey=social-services&${q}&exact=1`, {
    headers: { cookie: admin },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  const registry = await t.booted.deps.registry.snapshot();
  region = registry.regions[0]!.code;
  const inRegion = registry.providers.filter((p) => p.region === region);
  p1 = inRegion[0]!.code;
  p2 = inRegion[1]!.code;
  const elsewhere = registry.providers.find((p) => p.region !== region)!.code;
  const small = registry.providers.filter((p) => p.region !== region)[1]!.code;
  // Cells (provider × month): P1 Sep 8 of 10, P2 Sep 5 of 20, P1 Oct 3 of 6; elsewhere 1 of 5.
  await submitOn(t, '2026-09-10', [
    ...answers(p1, 8, 2),
    ...answers(p2, 5, 15),
    ...answers(elsewhere, 1, 4),
  ]);
  await submitOn(t, '2026-10-12', [...answers(p1, 3, 3), ...answers(small, 1, 1)]);
  const rows = [
    { provider: p1, month: '2026-09', served: 1000, offered: null },
    { provider: p2, month: '2026-09', served: 200, offered: null },
    { provider: p1, month: '2026-10', served: 600, offered: null },
    { provider: elsewhere, month: '2026-09', served: 5000, offered: null },
    { provider: small, month: '2026-10', served: 90, offered: null },
  ];
  const put = await t.app.request('/api/admin/volumes', {
    method: 'PUT',
    headers: { cookie: admin, 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ rows }),
  });
  expect(put.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /api/reports/satisfaction?weighted=1', () => {
  it("a region's weighted rate, n_eff, design effect and interval equal the hand calculation", async () => {
    // w = N / n: P1 Sep 1000/10 = 100, P2 Sep 200/20 = 10, P1 Oct 600/6 = 100.
    // Σwx = 100·8 + 10·5 + 100·3 = 1150; Σwm = 1000 + 200 + 600 = 1800: rate = 23/36.
    // Σw²m = 10⁴·10 + 10²·20 + 10⁴·6 = 162000: n_eff = 1800² / 162000 = 20; deff = 36/20 = 9/5.
    const r = await satisfaction(`region=${region}&weighted=1`);
    expect(r.weighted).toBe(true);
    // Three cells, each weighted alone; mean weight 1800 / 36 = 50, capped at 5 × 50.
    expect(r.weighting).toEqual({
      cap: 250,
      unrecorded: 0,
      cells: { cell: 3, raked: 0, mean: 0, trimmed: 0 },
    });
    const o = r.overall;
    expect(o).toMatchObject({ weighted: true, n: 36, satisfied: 16, suppressed: false });
    expect(o.rate).toBeCloseTo(23 / 36, 14);
    expect(o.nEff).toBeCloseTo(20, 10);
    expect(o.designEffect).toBeCloseTo(9 / 5, 10);
    // Wilson with p = 23/36 and n = n_eff = 20 (METRICS.md), written out.
    const p = 23 / 36;
    const n = 20;
    const z = 1.959964;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    expect(o.ci95[0]).toBeCloseTo(centre - half, 12);
    expect(o.ci95[1]).toBeCloseTo(centre + half, 12);
    // Unweighted, the same region: 16 of 36.
    const plain = await satisfaction(`region=${region}`);
    expect(plain.overall.rate).toBeCloseTo(16 / 36, 14);
    expect(plain.weighted).toBeUndefined();
    expect(plain.overall.weighted).toBeUndefined();
  });

  it('per group: equal weights within a provider leave its rate as it was', async () => {
    const r = await satisfaction(`region=${region}&groupBy=provider&weighted=1`);
    const row = (code: string) => r.groups.find((g: Json) => g.group.provider === code);
    // P1: both cells weigh 100, so 11 of 16 whatever the weight; n_eff = 16.
    expect(row(p1).rate).toBeCloseTo(11 / 16, 14);
    expect(row(p1).nEff).toBeCloseTo(16, 10);
    expect(row(p2).rate).toBeCloseTo(5 / 20, 14);
    expect(row(p2).designEffect).toBeCloseTo(1, 12);
  });

  it('the unweighted report is unchanged; weighting changes only rate, ci95 and flags', async () => {
    const q = 'groupBy=region,month';
    const plain = await satisfaction(q);
    const weighted = await satisfaction(`${q}&weighted=1`);
    const strip = (row: Json) => {
      const { n, satisfied, suppressed, mean, group } = row;
      return { n, satisfied, suppressed, mean, group };
    };
    expect(weighted.groups.map(strip)).toEqual(plain.groups.map(strip));
    expect(strip(weighted.overall)).toEqual(strip(plain.overall));
  });

  it('suppression follows the unweighted count', async () => {
    // A provider elsewhere has 2 answers (under k = 5): its row, weighted or not, shows nothing.
    const r = await satisfaction('groupBy=provider&weighted=1');
    expect(r.groups.filter((g: Json) => g.suppressed).length).toBeGreaterThan(0);
    for (const g of r.groups) {
      if (g.suppressed) expect([g.rate, g.nEff]).toEqual([null, null]);
      else expect(g.n).toBeGreaterThanOrEqual(r.k);
    }
    const bad = await t.app.request(
      '/api/reports/satisfaction?survey=social-services&weighted=yes',
      { headers: { cookie: admin } },
    );
    expect(bad.status).toBe(400);
  });

  it('trend: each month weighted, and the change between months from the weighted rates', async () => {
    const res = await t.app.request(
      `/api/reports/trend?survey=social-services&region=${region}&groupBy=month&weighted=1&exact=1`,
      { headers: { cookie: admin } },
    );
    const r = (await res.json()) as Json;
    expect(r.weighted).toBe(true);
    const [sep, oct] = r.series[0].points;
    // September: (100·8 + 10·5) / (1000 + 200) = 17/24; n_eff = 1200² / (10⁴·10 + 10²·20) = 240/17.
    expect(sep).toMatchObject({ period: '2026-09', n: 30, weighted: true });
    expect(sep.rate).toBeCloseTo(17 / 24, 14);
    expect(sep.nEff).toBeCloseTo(240 / 17, 10);
    // October: one cell, 3 of 6 whatever its weight; the change is 1/2 − 17/24 = −5/24.
    expect(oct.rate).toBeCloseTo(1 / 2, 14);
    expect(oct.nEff).toBeCloseTo(6, 10);
    expect(oct.change.from).toBe('2026-09');
    expect(oct.change.diff).toBeCloseTo(-5 / 24, 14);
    expect(r.overall.rate).toBeCloseTo(23 / 36, 14);
  });

  it('the reports that do not weigh their rates say weighted: false', async () => {
    for (const report of ['indicators', 'bottlenecks']) {
      const res = await t.app.request(
        `/api/reports/${report}?survey=social-services&weighted=1&exact=1`,
        {
          headers: { cookie: admin },
        },
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as Json).weighted).toBe(false);
    }
  });
});
