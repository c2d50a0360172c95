/**
 * Protected figures (sums of frozen blocks) carry intervals that include the perturbation's
 * variance (shared/METRICS.md, Disclosure control, item 4): NPS, the delivery quantiles,
 * affordability and the informal-payment rate, the KPI index, driver performance and importance,
 * and state vs non-state (crude and region-adjusted). The protected counts differ on every run,
 * so each check holds for every draw of the noise: a widened interval is wider than the interval
 * of the same published counts without the noise, and each figure says that it includes it.
 * Exact figures (`exact=1`) say nothing of the kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/generate.js';
import { npsInterval } from '../../server/domain/nps.js';
import { newcombe } from '../../server/domain/newcombe.js';
import { wilson } from '../../server/domain/wilson.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let cookie: string;
const S = 'survey=social-services';

async function report(kind: string, query = ''): Promise<Json> {
  const res = await t.app.request(`/api/reports/${kind}?${S}${query}`, { headers: { cookie } });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(200);
  return body;
}

const width = (ci: [number, number]) => ci[1] - ci[0];

beforeAll(async () => {
  t = await testApp();
  const { storage, config } = t.booted.deps;
  await loadDemo(
    { storage, utcOffsetMinutes: config.utcOffsetMinutes },
    { end: '2026-10-31', responses: 4000 },
  );
  cookie = await signIn(t.app);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('intervals of protected figures include the perturbation', () => {
  it('indicators: NPS, delivery time, affordability, informal payments and the KPI index', async () => {
    const body = await report('indicators', '&groupBy=region');
    expect(body.figures).toBe('perturbed');
    const rows = [body.overall, ...body.groups].filter((r: Json) => !r.affordability.suppressed);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      // NPS where the questionnaire asks for it.
      if (r.nps && !r.nps.suppressed) {
        const { promoters, detractors, n } = r.nps;
        expect(r.nps.includesPerturbation).toBe(true);
        expect(width(r.nps.ci95)).toBeGreaterThan(width(npsInterval(promoters, detractors, n)!));
      }
      expect(r.deliveryTime.includesPerturbation).toBe(true);
      expect(r.kpi.includesPerturbation).toBe(true);
      const a = r.affordability;
      expect(a.includesPerturbation).toBe(true);
      // Every index is wider than Wilson's, an index of exactly 1 (or 0) too: the counts on its
      // other side were published as 0, and a published 0 may hide 1 to k−1 answers.
      const x = a.none + a.formalAfford;
      expect(width(a.ci95)).toBeGreaterThan(width(wilson(x, a.n)!));
      const inf = a.informalRate;
      expect(width(inf.ci95)).toBeGreaterThan(width(wilson(inf.x, inf.n)!));
    }
    const exact = await report('indicators', '&exact=1');
    expect(exact.figures).toBe('exact');
    expect(exact.overall.deliveryTime.includesPerturbation).toBeUndefined();
    expect(exact.overall.kpi.includesPerturbation).toBeUndefined();
  });

  it('the KPI index of a group is made without a component shown as too few answers', async () => {
    // Providers by month: many groups of fewer than 10 protected answers (the display threshold).
    const body = await report('indicators', '&groupBy=provider,month');
    expect(body.figures).toBe('perturbed');
    const small = body.groups.filter(
      (r: Json) => !r.satisfaction.suppressed && r.satisfaction.n < 10,
    );
    expect(small.length).toBeGreaterThan(0);
    for (const r of small) {
      expect(r.satisfaction.rate).toBeNull();
      expect(r.kpi.components).not.toContain('satisfaction');
    }
    const large = body.groups.filter((r: Json) => r.satisfaction.rate !== null);
    expect(large.length).toBeGreaterThan(0);
    for (const r of large) expect(r.kpi.components).toContain('satisfaction');
  });

  it('bottlenecks: driver performance and importance, state vs non-state', async () => {
    const body = await report('bottlenecks');
    expect(body.figures).toBe('perturbed');
    const drivers = body.overall.drivers;
    expect(drivers.status).toBe('ok');
    expect(drivers.includesPerturbation).toBe(true);
    for (const d of drivers.drivers) {
      const p = d.performance;
      expect(width(p.ci95)).toBeGreaterThan(width(wilson(p.satisfied, p.n)!));
    }
    const exact = await report('bottlenecks', '&exact=1');
    expect(exact.overall.drivers.includesPerturbation).toBeUndefined();
    // The same published counts' importance intervals without the noise are narrower: compare
    // with the exact report's widths only loosely (other counts), so check each is an interval.
    for (const d of drivers.drivers) {
      if (d.importanceCi95) expect(d.importanceCi95[0]).toBeLessThanOrEqual(d.importance);
    }

    const svn = body.stateVsNonState;
    expect(svn.significance.perturbation).toMatch(/perturbation/);
    const s = svn.satisfaction;
    if (s.ci95 !== null) {
      const bare = newcombe(s.state.satisfied, s.state.n, s.nonState.satisfied, s.nonState.n)!;
      expect(width(s.ci95)).toBeGreaterThan(width(bare.ci95));
    }
    expect(exact.stateVsNonState.significance.perturbation).toBeUndefined();
  });
});
