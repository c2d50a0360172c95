/**
 * Demo data (server/demo): a dataset of the default size, loaded through the bulk loader, and the
 * bottleneck report (GET /api/reports/bottlenecks, as admin) finds exactly the planted bottlenecks
 * of server/demo/planted.ts — and flags nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_RESPONSES } from '../../server/demo/planted.js';
import { loadDemo, type DemoSummary } from '../../server/demo/generate.js';
import {
  ACCESSIBILITY,
  EXPECTED,
  INFORMAL_PAYMENTS,
  STATE_GAP,
  TIMELINESS_REGION,
} from '../../server/demo/planted.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

// The JSON bodies of the reports, read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let cookie: string;
let summary: DemoSummary;
const S = 'survey=social-services';

async function report(query: string): Promise<Json> {
  const res = await t.app.request(`/api/reports/bottlenecks?${S}${query}`, { headers: { cookie } });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

const names = (drivers: { name: string }[]) => drivers.map((d) => d.name);

function providersOf(region: string): string[] {
  return (
    t.booted.deps.sqlite.prepare('select code from provider where region_code = ?').all(region) as {
      code: string;
    }[]
  ).map((r) => r.code);
}

function regionOf(provider: string): string {
  return (
    t.booted.deps.sqlite
      .prepare('select region_code r from provider where code = ?')
      .get(provider) as {
      r: string;
    }
  ).r;
}

beforeAll(async () => {
  t = await testApp();
  const { db, sqlite, config } = t.booted.deps;
  summary = await loadDemo(
    { db, sqlite, utcOffsetMinutes: config.utcOffsetMinutes },
    { end: '2026-10-31' },
  );
  cookie = await signIn(t.app);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('demo data', () => {
  it('has the default number of responses over the last 12 months, every one in the rollups', () => {
    expect(summary).toMatchObject({
      responses: DEFAULT_DEMO_RESPONSES,
      from: '2025-11-01',
      to: '2026-10-31',
    });
    const { sqlite } = t.booted.deps;
    const stored = sqlite
      .prepare('select count(*) n, min(day) lo, max(day) hi from response')
      .get();
    expect(stored).toEqual({ n: DEFAULT_DEMO_RESPONSES, lo: '2025-11-01', hi: '2026-10-31' });
    const rolled = sqlite
      .prepare(`select sum(n) n from rollup_cell where cuboid = 'area-month'`)
      .get();
    expect(rolled).toEqual({ n: DEFAULT_DEMO_RESPONSES });
    // Service volumes and populations come with them: response rate and coverage are shown.
    expect(summary.volumes).toBeGreaterThan(0);
    expect(summary.populations).toBeGreaterThan(0);
  });

  it('has service volumes: response rate 20–40%, coverage about 70%', async () => {
    const res = await t.app.request(`/api/reports/indicators?${S}&groupBy=region`, {
      headers: { cookie },
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body.overall.responseRate).toBeGreaterThan(0.2);
    expect(body.overall.responseRate).toBeLessThan(0.4);
    expect(body.overall.coverage).toBeCloseTo(0.7, 2);
    for (const g of body.groups) expect(g.coverage).toBeCloseTo(0.7, 2);
  });

  it('is the same data for the same seed and end day', async () => {
    const load = async () => {
      const other = await testApp();
      try {
        const { db, sqlite, config } = other.booted.deps;
        await loadDemo(
          { db, sqlite, utcOffsetMinutes: config.utcOffsetMinutes },
          { end: '2026-10-31', responses: 1000, seed: 5, volumes: false },
        );
        return sqlite
          .prepare(
            'select submitted_at, region, provider, channel, lang, answers, service_days from response order by id',
          )
          .all();
      } finally {
        await other.close();
      }
    };
    const [a, b] = [await load(), await load()];
    expect(a).toHaveLength(1000);
    expect(b).toEqual(a);
  }, 30_000);
});

describe('the bottleneck report on demo data finds exactly the planted bottlenecks', () => {
  it('systemic by region (the default): only the timeliness region, with timeliness to concentrate on', async () => {
    for (const q of ['', '&groupBy=region']) {
      const body = await report(q);
      expect(body.systemic.groups.map((g: Json) => g.group.region)).toEqual(
        EXPECTED.regions.map((r) => r.region),
      );
      const [qa] = body.systemic.groups;
      expect(names(qa.concentrateHere)).toContain(TIMELINESS_REGION.driver);
      expect(qa.rate).toBeLessThan(body.overall.rate - 0.15);
    }
  });

  it('systemic by provider: the providers of that region, the informal-payments and the accessibility provider', async () => {
    const body = await report('&groupBy=provider');
    const found = body.systemic.groups.map((g: Json) => g.group.provider).sort();
    const planted = [
      ...providersOf(EXPECTED.providersOfRegion.region),
      ...EXPECTED.providers.map((p) => p.provider),
    ].sort();
    expect(found).toEqual(planted);
    const focus = new Map<string, string[]>(
      body.systemic.groups.map((g: Json) => [g.group.provider, names(g.concentrateHere)]),
    );
    for (const p of EXPECTED.providers) expect(focus.get(p.provider)).toContain(p.concentrateHere);
    for (const p of providersOf(EXPECTED.providersOfRegion.region)) {
      expect(focus.get(p)).toContain(EXPECTED.providersOfRegion.concentrateHere);
    }
  });

  it('systemic by sector: nothing, and state vs non-state nationally is level', async () => {
    const body = await report('&groupBy=sector');
    expect(body.systemic.groups).toEqual([]);
    expect(body.stateVsNonState.satisfaction.significant).toBe(false);
  });

  it('state vs non-state: a significant gap only in the planted region', async () => {
    const confounded = [regionOf(INFORMAL_PAYMENTS.provider), regionOf(ACCESSIBILITY.provider)];
    const regions = (
      t.booted.deps.sqlite.prepare('select code from region order by code').all() as {
        code: string;
      }[]
    ).map((r) => r.code);
    for (const region of regions) {
      if (confounded.includes(region)) continue;
      const s = (await report(`&region=${region}`)).stateVsNonState.satisfaction;
      expect(s.significant, region).toBe(region === EXPECTED.stateGapRegion);
      if (region === STATE_GAP.region) {
        expect(s.diff).toBeGreaterThan(0.05);
        expect(s.ci95[0]).toBeGreaterThan(0);
      }
    }
  });

  it('informal payments are frequent at the planted provider, and people with a disability rate accessibility low at the other', () => {
    const { sqlite } = t.booted.deps;
    const informal = (where: string, ...args: string[]) =>
      (
        sqlite
          .prepare(
            `select avg(json_extract(answers, '$.paid') in ('informal', 'both')) share from response
             where json_extract(answers, '$.paid') is not null and ${where}`,
          )
          .get(...args) as { share: number }
      ).share;
    expect(informal('provider = ?', INFORMAL_PAYMENTS.provider)).toBeGreaterThan(0.3);
    expect(informal('provider <> ?', INFORMAL_PAYMENTS.provider)).toBeLessThan(0.08);

    const accessible = (disabled: boolean) =>
      (
        sqlite
          .prepare(
            `select avg(json_extract(answers, '$.drivers.accessibility') >= 4) rate from response
             where provider = ? and json_extract(answers, '$.drivers.accessibility') <> 'na'
               and ${disabled ? '' : 'not'} exists (select 1 from json_each(answers, '$.segment') where value = ?)`,
          )
          .get(ACCESSIBILITY.provider, ACCESSIBILITY.segment) as { rate: number }
      ).rate;
    expect(accessible(true)).toBeLessThan(0.2);
    expect(accessible(false)).toBeGreaterThan(0.55);
  });
});

describe('npm run ovoz -- demo', () => {
  it('adds demo responses to the configured database; refuses bad options', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const path = await import('node:path');
    const fs = await import('node:fs');
    const { ROOT, tempDir } = await import('../helpers/server.js');
    const dir = tempDir('ovoz-demo-cli-');
    const env = {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(dir, 'ovoz.db')}`,
      OVOZ_LOG: 'silent',
    };
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'demo', ...args], {
        cwd: ROOT,
        env,
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    try {
      const ok = await run(['--responses', '500', '--seed', '3', '--end', '2026-06-30']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('demo: 500 responses from 2025-07-01 to 2026-06-30 (seed 3)');
      const bad = await run(['--responses', 'many']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--responses must be a whole number');
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(path.join(dir, 'ovoz.db'), { readonly: true });
      expect(db.prepare('select count(*) n from response').get()).toEqual({ n: 500 });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
