/**
 * GET /api/reports/findings on the demo data (server/demo/planted.ts): the dashboard's first
 * finding is the planted worst region with its planted driver, the planted providers follow, and
 * every headline tile carries its change against the previous comparable period with an interval
 * — for a manager on protected figures as well as for an admin on exact ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/generate.js';
import { EXPECTED, TIMELINESS_REGION } from '../../server/demo/planted.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn, userSession } from '../helpers/session.js';

// The JSON bodies of the report, read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let admin: string;
let manager: string;
const S = 'survey=social-services';

async function findings(query: string, cookie = admin): Promise<{ status: number; body: Json }> {
  const res = await t.app.request(`/api/reports/findings?${S}${query}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(async () => {
  t = await testApp();
  const { storage, config } = t.booted.deps;
  await loadDemo({ storage, utcOffsetMinutes: config.utcOffsetMinutes }, { end: '2026-10-31' });
  admin = await signIn(t.app);
  manager = await userSession(t.app, admin, 'all-regions-manager', 'manager', [
    TIMELINESS_REGION.region,
    'UZ-SA',
    'UZ-FA',
    'UZ-SI',
    'UZ-TK',
  ]);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('the findings the dashboard opens with', () => {
  it('on exact figures: the planted region and its driver first, then the planted providers', async () => {
    const { status, body } = await findings('&exact=1');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.figures).toBe('exact');
    expect(body.findings).toHaveLength(3);
    const [first, ...rest] = body.findings;
    expect(first).toMatchObject({
      kind: 'region-below',
      code: TIMELINESS_REGION.region,
      driver: { name: TIMELINESS_REGION.driver },
    });
    // About 25 points below the rest, and the interval of that gap excludes 0.
    expect(first.gap).toBeLessThan(-0.15);
    expect(first.ci95[1]).toBeLessThan(0);
    expect(first.ci95[0]).toBeLessThanOrEqual(first.gap);
    // The providers of that region are the region's finding already: the two planted providers
    // follow, each with its own driver.
    expect(rest.map((f: Json) => [f.kind, f.code, f.driver?.name]).sort()).toEqual(
      EXPECTED.providers.map((p) => ['provider-below', p.provider, p.concentrateHere]).sort(),
    );
    // Ranked by the respondents behind each finding.
    const weights = body.findings.map((f: Json) => f.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it('for a manager (protected figures): the planted region still comes first', async () => {
    const { status, body } = await findings('', manager);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.figures).toBe('perturbed');
    expect(body.findings[0]).toMatchObject({
      kind: 'region-below',
      code: TIMELINESS_REGION.region,
    });
    // Only the manager's regions: a provider finding elsewhere is never shown.
    for (const f of body.findings) {
      if (f.kind === 'region-below') expect(f.code).toMatch(/^UZ-(QA|SA|FA|SI|TK)$/);
    }
    expect((await findings('&exact=1', manager)).status).toBe(403);
  }, 120_000);

  it('every tile: the change against the previous comparable period, with its interval', async () => {
    // No date range: the last complete month of the selection against the month before.
    const { body } = await findings('&to=2026-10-31&exact=1');
    expect(body.changes.current).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(body.changes.previous).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    const tiles = body.changes.tiles;
    for (const name of ['satisfaction', 'trust', 'kpi', 'delivery', 'affordability']) {
      const c = tiles[name];
      expect(c, name).not.toBeNull();
      expect(c.ci95[0], name).toBeLessThanOrEqual(c.diff);
      expect(c.ci95[1], name).toBeGreaterThanOrEqual(c.diff);
    }
    // Nothing changes from month to month in the demo data: no tile moves by 5 points.
    expect(Math.abs(tiles.satisfaction.diff)).toBeLessThan(0.05);
    expect(tiles.satisfaction.method).toBe('newcombe');
    // Volumes have no interval, and say so.
    expect(tiles.coverage).toMatchObject({ ci95: null, method: 'none' });

    // A chosen range: the same number of days just before it.
    const range = await findings('&from=2026-09-01&to=2026-10-31&exact=1');
    expect(range.body.changes.previous).toEqual({ from: '2026-07-02', to: '2026-08-31' });
  });
});
