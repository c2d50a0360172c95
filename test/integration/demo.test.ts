/**
 * Demo data (server/demo): a dataset of the default size, loaded through the bulk loader, and the
 * bottleneck report (GET /api/reports/bottlenecks, as admin) finds exactly the planted bottlenecks
 * of server/demo/planted.ts — and flags nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_RESPONSES } from '../../server/demo/planted.js';
import { loadDemo, type DemoSummary } from '../../server/demo/generate.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { bundled } from '../helpers/bundle.js';
import { databaseUrlFor, withDb } from '../helpers/database.js';
import { signIn } from '../helpers/session.js';

// The JSON bodies of the reports, read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let cookie: string;
let summary: DemoSummary;

/**
 * What was planted in the demo data (server/demo/planted.ts describes it), written out here so a
 * wrong constant there fails this test instead of passing it.
 */
const TIMELINESS_REGION = { region: 'UZ-QA', driver: 'timeliness' } as const;
const INFORMAL_PAYMENTS = { provider: 'P-FA-02-3', driver: 'fairness' } as const;
const ACCESSIBILITY = {
  provider: 'P-SI-02-1',
  driver: 'accessibility',
  segment: 'disability',
} as const;
const STATE_GAP = { region: 'UZ-SA' } as const;
/** What the bottleneck report flags on the default demo dataset, and nothing else. */
const EXPECTED = {
  regions: [{ region: TIMELINESS_REGION.region, concentrateHere: TIMELINESS_REGION.driver }],
  providers: [
    { provider: INFORMAL_PAYMENTS.provider, concentrateHere: INFORMAL_PAYMENTS.driver },
    { provider: ACCESSIBILITY.provider, concentrateHere: ACCESSIBILITY.driver },
  ],
  providersOfRegion: {
    region: TIMELINESS_REGION.region,
    concentrateHere: TIMELINESS_REGION.driver,
  },
  stateGapRegion: STATE_GAP.region,
};

const S = 'survey=social-services';

/** The bottleneck report on exact figures (`exact=1`), or on protected ones. */
async function report(query: string, exact = true): Promise<Json> {
  const res = await t.app.request(
    `/api/reports/bottlenecks?${S}${query}${exact ? '&exact=1' : ''}`,
    {
      headers: { cookie },
    },
  );
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

const names = (drivers: { name: string }[]) => drivers.map((d) => d.name);

async function providersOf(region: string): Promise<string[]> {
  const rows = await t.booted.deps.db
    .selectFrom('provider')
    .select('code')
    .where('region_code', '=', region)
    .execute();
  return rows.map((r) => r.code);
}

async function regionOf(provider: string): Promise<string> {
  const row = await t.booted.deps.db
    .selectFrom('provider')
    .select('region_code')
    .where('code', '=', provider)
    .executeTakeFirstOrThrow();
  return row.region_code;
}

/** The stored answers of the responses given at `provider` (or everywhere else, `elsewhere`). */
async function answersAt(provider: string, elsewhere = false): Promise<Json[]> {
  const rows = await t.booted.deps.db
    .selectFrom('response')
    .select('answers')
    .where('provider', elsewhere ? '<>' : '=', provider)
    .execute();
  return rows.map((r) => JSON.parse(r.answers) as Json);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

beforeAll(async () => {
  t = await testApp();
  const { storage, config } = t.booted.deps;
  summary = await loadDemo(
    { storage, utcOffsetMinutes: config.utcOffsetMinutes },
    { end: '2026-10-31' },
  );
  cookie = await signIn(t.app);
});

afterAll(async () => {
  await t?.close();
});

describe('demo data', () => {
  it('has the default number of responses over the last 12 months, every one in the rollups', async () => {
    expect(summary).toMatchObject({
      responses: DEFAULT_DEMO_RESPONSES,
      from: '2025-11-01',
      to: '2026-10-31',
    });
    const { db } = t.booted.deps;
    const stored = await db
      .selectFrom('response')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.min('day').as('lo'),
        eb.fn.max('day').as('hi'),
      ])
      .executeTakeFirst();
    expect(stored).toEqual({ n: DEFAULT_DEMO_RESPONSES, lo: '2025-11-01', hi: '2026-10-31' });
    const rolled = await db
      .selectFrom('rollup_cell')
      .select((eb) => eb.fn.sum<number>('n').as('n'))
      .where('cuboid', '=', 'area-month')
      .executeTakeFirst();
    expect(rolled).toEqual({ n: DEFAULT_DEMO_RESPONSES });
    // Service volumes and populations come with them: response rate and coverage are shown.
    expect(summary.volumes).toBeGreaterThan(0);
    expect(summary.populations).toBeGreaterThan(0);
  });

  it('has service volumes: response rate 20–40%, coverage about 70%', async () => {
    const res = await t.app.request(`/api/reports/indicators?${S}&groupBy=region&exact=1`, {
      headers: { cookie },
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body.overall.responseRate).toBeGreaterThan(0.2);
    expect(body.overall.responseRate).toBeLessThan(0.4);
    expect(body.overall.coverage).toBeCloseTo(0.7, 2);
    for (const g of body.groups) expect(g.coverage).toBeCloseTo(0.7, 2);
  });

  it('the KPI index: no component piles up at its floor or target; comparable rows only where every component is measured', async () => {
    for (const by of ['region', 'provider']) {
      const res = await t.app.request(`/api/reports/indicators?${S}&groupBy=${by}`, {
        headers: { cookie },
      });
      const body = (await res.json()) as Json;
      const rows = body.groups.filter((g: Json) => g.kpi.index !== null);
      for (const component of ['satisfaction', 'trust', 'deliveryTime', 'affordability']) {
        const scores: number[] = rows.map((g: Json) => g.kpi.scores[component]);
        const saturated = scores.filter((x) => x <= 0 || x >= 100).length;
        expect(saturated / scores.length, `${by} ${component}: ${scores.join(' ')}`).toBeLessThan(
          0.1,
        );
      }
      for (const g of rows) {
        expect(g.kpi.ci95[0]).toBeLessThanOrEqual(g.kpi.index);
        expect(g.kpi.ci95[1]).toBeGreaterThanOrEqual(g.kpi.index);
        // Providers have no eligible population, so no coverage: never comparable with regions.
        expect(g.kpi.comparable, JSON.stringify(g.group)).toBe(by === 'region');
      }
    }
    // Coverage is monthly: one week in a month gives the same coverage as the whole month.
    const cov = async (range: string) => {
      const res = await t.app.request(`/api/reports/indicators?${S}${range}`, {
        headers: { cookie },
      });
      return ((await res.json()) as Json).overall.coverage as number;
    };
    const month = await cov('&from=2026-06-01&to=2026-06-30');
    const week = await cov('&from=2026-06-08&to=2026-06-14');
    const year = await cov('');
    expect(week).toBeCloseTo(month, 12);
    expect(month).toBeGreaterThan(0.5);
    expect(year).toBeCloseTo(0.7, 2);
  });

  it('is the same data for the same seed and end day', async () => {
    const load = async () => {
      const other = await testApp();
      try {
        const { storage, config } = other.booted.deps;
        await loadDemo(
          { storage, utcOffsetMinutes: config.utcOffsetMinutes },
          { end: '2026-10-31', responses: 1000, seed: 5, volumes: false },
        );
        return await storage.db
          .selectFrom('response')
          .select(['submitted_at', 'region', 'provider', 'channel', 'lang', 'answers'])
          .select('service_days')
          .orderBy('id')
          .execute();
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
      // Only the planted driver: no unplanted one is shown as a bottleneck.
      expect(names(qa.concentrateHere)).toEqual([TIMELINESS_REGION.driver]);
      expect(qa.rate).toBeLessThan(body.overall.rate - 0.15);
    }
  });

  it('systemic by provider: the providers of that region, the informal-payments and the accessibility provider', async () => {
    const body = await report('&groupBy=provider');
    const found = body.systemic.groups.map((g: Json) => g.group.provider).sort();
    const planted = [
      ...(await providersOf(EXPECTED.providersOfRegion.region)),
      ...EXPECTED.providers.map((p) => p.provider),
    ].sort();
    expect(found).toEqual(planted);
    const focus = new Map<string, string[]>(
      body.systemic.groups.map((g: Json) => [g.group.provider, names(g.concentrateHere)]),
    );
    // Each planted bottleneck is found, and no unplanted driver is `concentrate_here`.
    for (const p of EXPECTED.providers) {
      expect(focus.get(p.provider), p.provider).toEqual([p.concentrateHere]);
    }
    for (const p of await providersOf(EXPECTED.providersOfRegion.region)) {
      expect(focus.get(p), p).toEqual([EXPECTED.providersOfRegion.concentrateHere]);
    }
  });

  it('finds the planted bottlenecks from protected figures too (sums of frozen blocks)', async () => {
    const byRegion = await report('&groupBy=region', false);
    expect(byRegion.figures).toBe('perturbed');
    expect(byRegion.systemic.groups.map((g: Json) => g.group.region)).toContain(
      TIMELINESS_REGION.region,
    );
    const byProvider = await report('&groupBy=provider', false);
    const found = byProvider.systemic.groups.map((g: Json) => g.group.provider);
    const planted = [
      ...(await providersOf(EXPECTED.providersOfRegion.region)),
      ...EXPECTED.providers.map((p) => p.provider),
    ];
    for (const p of planted) expect(found, p).toContain(p);
  });

  it('systemic by sector: nothing, and state vs non-state nationally is level', async () => {
    const body = await report('&groupBy=sector');
    expect(body.systemic.groups).toEqual([]);
    expect(body.stateVsNonState.satisfaction.significant).toBe(false);
    // Within regions too (Mantel–Haenszel): no planted national gap.
    expect(body.stateVsNonState.satisfaction.adjustedForRegion.significant).toBe(false);
    expect(body.stateVsNonState.satisfaction.adjustedForRegion.regions).toBe(14);
  });

  it('state vs non-state: a significant gap only in the planted region', async () => {
    const confounded = [
      await regionOf(INFORMAL_PAYMENTS.provider),
      await regionOf(ACCESSIBILITY.provider),
    ];
    const regions = (
      await t.booted.deps.db.selectFrom('region').select('code').orderBy('code').execute()
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

  it('the trend: no change between months is significant (none was planted), nor the trend across them', async () => {
    // Exact figures: the seeded data is the same on every run, while protected figures carry each
    // response's random record key, so a test at the 5% level may flag a step on some runs.
    for (const q of ['', '&groupBy=sector']) {
      const res = await t.app.request(`/api/reports/trend?${S}${q}&exact=1`, {
        headers: { cookie },
      });
      const body = (await res.json()) as Json;
      expect(res.status).toBe(200);
      expect(body.significance.method).toMatch(/Benjamini–Hochberg/);
      expect(body.figures).toBe('exact');
      for (const series of body.series) {
        expect(series.points.filter((p: Json) => p.partial)).toEqual([]);
        const flagged = series.points.filter((p: Json) => p.change?.significant);
        expect(flagged, JSON.stringify(series.group)).toEqual([]);
        expect(series.linearTrend.p).toBeGreaterThan(0.05);
      }
    }
  });

  it('informal payments are frequent at the planted provider, and people with a disability rate accessibility low at the other', async () => {
    // The stored answers are read back as JSON here, the same on every engine.
    const informal = async (provider: string, elsewhere: boolean) => {
      const paid = (await answersAt(provider, elsewhere))
        .map((a) => a.paid)
        .filter((p) => p !== undefined && p !== null);
      expect(paid.length).toBeGreaterThan(0);
      return mean(paid.map((p) => (p === 'informal' || p === 'both' ? 1 : 0)));
    };
    expect(await informal(INFORMAL_PAYMENTS.provider, false)).toBeGreaterThan(0.3);
    expect(await informal(INFORMAL_PAYMENTS.provider, true)).toBeLessThan(0.08);

    const answers = await answersAt(ACCESSIBILITY.provider);
    const accessible = (disabled: boolean) => {
      const rated = answers.filter((a) => {
        const rating = a.drivers?.accessibility;
        if (rating === undefined || rating === null || rating === 'na') return false;
        const segments: unknown[] =
          a.segment === undefined || a.segment === null
            ? []
            : Array.isArray(a.segment)
              ? a.segment
              : [a.segment];
        return segments.includes(ACCESSIBILITY.segment) === disabled;
      });
      expect(rated.length).toBeGreaterThan(0);
      return mean(rated.map((a) => (a.drivers.accessibility >= 4 ? 1 : 0)));
    };
    expect(accessible(true)).toBeLessThan(0.2);
    expect(accessible(false)).toBeGreaterThan(0.55);
  });
});

describe('npm run ovoz -- demo', () => {
  it('adds demo responses to the configured database; refuses bad options', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const fs = await import('node:fs');
    const { ROOT, TEST_CHECK_BUDGET, tempDir } = await import('../helpers/server.js');
    const dir = tempDir('ovoz-demo-cli-');
    const databaseUrl = await databaseUrlFor(dir);
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      OVOZ_LOG: 'silent',
      ...TEST_CHECK_BUDGET,
    };
    const cli = await bundled('server/cli.ts');
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [cli, 'demo', ...args], {
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
      const stored = await withDb(databaseUrl, (db) =>
        db
          .selectFrom('response')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      );
      expect(stored).toEqual({ n: 500 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
