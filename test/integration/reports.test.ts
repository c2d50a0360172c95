/**
 * The reports of shared/API.md on a fixture of known submissions made through the real API, with
 * the expected numbers worked out from shared/METRICS.md (rates exact, intervals from the domain),
 * checked against brute-force counts of the raw responses for day ranges, waves and groupings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyseDrivers,
  groupsBelowOverall,
  mantelHaenszelRiskDifference,
  newcombe,
  twoProportionZTest,
  wilson,
  type DriverInput,
  type JointTable,
} from '../../server/domain/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn, userSession } from '../helpers/session.js';
import { CHANNELS, DRIVERS, prng, submitOn, type Submission } from '../helpers/submissions.js';

let t: TestApp;
let admin: string;
let manager: string;

// ---- the fixture ---------------------------------------------------------------------------

/** Samarkand: 263 responses at state providers, 81 of them satisfied (the API.md example). */
const SA = [
  { provider: 'P-SA-01-1', n: 150, satisfied: 70 }, // state
  { provider: 'P-SA-02-1', n: 113, satisfied: 11 }, // state, far below the rest
  { provider: 'P-SA-01-2', n: 70, satisfied: 45 }, // ngo
  { provider: 'P-SA-02-2', n: 50, satisfied: 30 }, // private
];
const DAYS = Array.from({ length: 61 }, (_, i) =>
  new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10),
);

/** Karakalpakstan: 7 responses on one day with hand-picked answers (indicators by hand). */
const QR_DAY = '2026-10-10';
const QR = [
  { satisfaction: 5, trust: 5, delivery_days: 1, paid: 'none', timeliness: 5 },
  { satisfaction: 4, trust: 4, delivery_days: 2, paid: 'none', timeliness: 5 },
  { satisfaction: 4, trust: 2, delivery_days: 3, paid: 'formal', afford: 'yes', timeliness: 4 },
  { satisfaction: 3, trust: 1, delivery_days: 5, paid: 'informal', afford: 'no', timeliness: 2 },
  { satisfaction: 2, trust: 3, delivery_days: 8, paid: 'na', timeliness: 1 },
  { satisfaction: 1, trust: 4, delivery_days: 13, paid: 'both', afford: 'yes', timeliness: 1 },
  { satisfaction: 5, trust: 5, delivery_days: 21, paid: 'none', timeliness: 'na' },
];
/** Bukhara: 3 responses, below k = 5. */
const BU_DAY = '2026-11-05';

function fixture(): Map<string, Submission[]> {
  const byDay = new Map<string, Submission[]>();
  const add = (day: string, s: Submission) => byDay.set(day, [...(byDay.get(day) ?? []), s]);
  const rand = prng(7);
  const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));
  SA.forEach((p, j) => {
    for (let i = 0; i < p.n; i++) {
      const sat = i < p.satisfied ? 4 + (i % 2) : 1 + (i % 3);
      const noise = () => (rand() - 0.5) * 2;
      add(DAYS[(i * 7 + j * 3) % DAYS.length]!, {
        link: { provider: p.provider, channel: CHANNELS[(i + j) % 4]! },
        answers: {
          satisfaction: sat,
          drivers: {
            timeliness: clamp(sat - 1 + noise()),
            ease: clamp(sat + noise()),
            information: clamp(sat + 2 * noise()),
            courtesy: 4 + Math.floor(rand() * 2),
            fairness: clamp(sat + noise()),
            accessibility: rand() < 0.5 ? 'na' : 1 + Math.floor(rand() * 5),
            outcome: sat,
          },
          trust: 1 + Math.floor(rand() * 5),
          delivery_days: Math.floor(rand() * 40),
          paid: rand() < 0.5 ? 'none' : 'formal',
        },
      });
    }
  });
  for (const r of QR) {
    const { timeliness, afford, ...rest } = r;
    const drivers = Object.fromEntries(
      DRIVERS.map((d) => [d, d === 'timeliness' ? timeliness : 3]),
    );
    add(QR_DAY, {
      link: { provider: 'P-QR-01-1', channel: 'centre' },
      answers: { ...rest, ...(afford ? { afford } : {}), drivers },
    });
  }
  for (const satisfaction of [5, 4, 1]) {
    add(BU_DAY, {
      link: { provider: 'P-BU-01-1', channel: 'phone' },
      answers: { satisfaction, drivers: Object.fromEntries(DRIVERS.map((d) => [d, 3])) },
    });
  }
  return byDay;
}

// ---- brute force over the raw responses ----------------------------------------------------

interface Raw {
  day: string;
  region: string | null;
  district: string | null;
  provider: string | null;
  sector: string | null;
  channel: string | null;
  answers: Record<string, unknown>;
}

async function raw(): Promise<Raw[]> {
  const rows = await t.booted.deps.db
    .selectFrom('response')
    .select(['day', 'region', 'district', 'provider', 'sector', 'channel', 'answers'])
    .execute();
  return rows.map((r) => ({ ...r, answers: JSON.parse(r.answers) as Record<string, unknown> }));
}

const satisfied = (r: Raw) => (r.answers.satisfaction as number) >= 4;

function tally(rows: Raw[]) {
  return { n: rows.length, satisfied: rows.filter(satisfied).length };
}

function driverInputs(rows: Raw[]): DriverInput[] {
  return DRIVERS.map((name) => {
    const table = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const v = (r.answers.drivers as Record<string, unknown>)[name];
      counts[String(v)] = (counts[String(v)] ?? 0) + 1;
      if (typeof v === 'number') table[v - 1]![(r.answers.satisfaction as number) - 1]! += 1;
    }
    return { name, table, counts };
  });
}

/** The driver × driver tables of the raw responses (both answers on the 1–5 scale). */
function jointOf(rows: Raw[]): JointTable {
  return (a, b) => {
    const table = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    for (const r of rows) {
      const d = r.answers.drivers as Record<string, unknown>;
      const va = d[a];
      const vb = d[b];
      if (typeof va === 'number' && typeof vb === 'number') table[va - 1]![vb - 1]! += 1;
    }
    return table;
  };
}

function groupKey(r: Raw, dims: string[]): string {
  return JSON.stringify(
    dims.map((d) => (d === 'month' ? r.day.slice(0, 7) : (r[d as keyof Raw] as string | null))),
  );
}

// The JSON bodies of the reports, read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

// ---- HTTP ----------------------------------------------------------------------------------

/**
 * These tests check exact figures against brute-force counts: a sociologist's or an admin's
 * `exact=1`. A manager sees protected figures (sums of frozen blocks, test/integration/anonymity-attack.test.ts).
 */
async function get(path: string, cookie = admin) {
  const exact = cookie !== manager && cookie !== '' && path.includes('?') ? '&exact=1' : '';
  const res = await t.app.request(`/api/reports/${path}${exact}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as Record<string, Json> };
}

async function ok(path: string, cookie = admin) {
  const res = await get(path, cookie);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

const S = 'survey=social-services';

beforeAll(async () => {
  t = await testApp();
  for (const [day, subs] of fixture()) await submitOn(t, day, subs);
  const { db } = t.booted.deps;
  const survey = await db
    .selectFrom('survey')
    .select('id')
    .where('slug', '=', 'social-services')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('survey_wave')
    .values([
      {
        survey_id: survey.id,
        name: '2026 autumn I',
        starts_on: '2026-10-03',
        ends_on: '2026-10-20',
      },
      {
        survey_id: survey.id,
        name: '2026 autumn II',
        starts_on: '2026-10-21',
        ends_on: '2026-11-12',
      },
    ])
    .execute();
  admin = await signIn(t.app);
  manager = await userSession(t.app, admin, 'samarkand', 'manager', ['UZ-SA']);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// ---- the tests -----------------------------------------------------------------------------

describe('GET /api/reports/satisfaction', () => {
  it('gives the API.md rate row: 81 satisfied of 263 at Samarkand state providers', async () => {
    const body = await ok(`satisfaction?${S}&groupBy=region,sector&region=UZ-SA`);
    const row = body.groups.find(
      (g: Json) => g.group.region === 'UZ-SA' && g.group.sector === 'state',
    );
    expect(row).toEqual({
      group: { region: 'UZ-SA', sector: 'state' },
      n: 263,
      satisfied: 81,
      rate: 81 / 263,
      ci95: wilson(81, 263),
      suppressed: false,
      flags: [],
      mean: expect.any(Number),
    });
    expect(row.rate).toBeCloseTo(0.30798479, 8);
    expect(row.ci95[0]).toBeCloseTo(0.2553, 4);
    expect(row.ci95[1]).toBeCloseTo(0.3662, 4);
    expect(body.overall).toMatchObject({ n: 383, satisfied: 156, rate: 156 / 383 });
    expect(body.k).toBe(5);
  });

  it('gives the mean score beside the rate', async () => {
    const body = await ok(`satisfaction?${S}&region=UZ-QR`);
    expect(body.overall).toEqual({
      n: 7,
      satisfied: 4,
      rate: 4 / 7,
      ci95: wilson(4, 7),
      suppressed: false,
      flags: ['low_n', 'wide_ci'],
      mean: 24 / 7,
    });
    expect(body.groups).toEqual([]);
  });

  it('suppresses n < k and the next smallest part beside the total', async () => {
    const body = await ok(`satisfaction?${S}&groupBy=region`);
    const rows = Object.fromEntries(body.groups.map((g: Json) => [g.group.region, g]));
    const hidden = {
      n: null,
      satisfied: null,
      rate: null,
      ci95: null,
      suppressed: true,
      flags: [],
      mean: null,
    };
    expect(rows['UZ-BU']).toEqual({ group: { region: 'UZ-BU' }, ...hidden }); // 3 < 5
    expect(rows['UZ-QR']).toEqual({ group: { region: 'UZ-QR' }, ...hidden }); // complementary
    expect(rows['UZ-SA']).toMatchObject({ n: 383, satisfied: 156, suppressed: false });
    expect(body.overall).toMatchObject({ n: 393, satisfied: 156 + 4 + 2 });
    expect(JSON.stringify(body)).not.toMatch(/"n":3\b/);
  });

  it('is exact for Json day range: monthly rollups plus edge days match a brute-force count', async () => {
    const all = await raw();
    const ranges: Array<[string | null, string | null]> = [
      ['2026-10-05', '2026-11-17'],
      ['2026-10-01', '2026-10-31'],
      ['2026-10-15', '2026-10-15'],
      ['2026-09-20', '2026-10-03'],
      ['2026-10-31', '2026-11-01'],
      ['2026-11-02', null],
      [null, '2026-10-09'],
    ];
    const groupings = [
      [],
      ['provider', 'channel'],
      ['region', 'month'],
      ['district', 'sector'],
      ['channel'],
    ];
    for (const [from, to] of ranges) {
      const rows = all.filter(
        (r) => (from === null || r.day >= from) && (to === null || r.day <= to),
      );
      for (const dims of groupings) {
        const range = `${from ? `&from=${from}` : ''}${to ? `&to=${to}` : ''}`;
        const body = await ok(
          `satisfaction?${S}${range}${dims.length ? `&groupBy=${dims.join(',')}` : ''}`,
        );
        expect(body.overall.n ?? 0).toBe(rows.length >= 5 ? rows.length : 0);
        if (rows.length >= 5) expect(body.overall.satisfied).toBe(tally(rows).satisfied);
        if (!dims.length) continue;
        const brute = new Map<string, Raw[]>();
        for (const r of rows)
          brute.set(groupKey(r, dims), [...(brute.get(groupKey(r, dims)) ?? []), r]);
        const seen = body.groups.map((g: Json) => JSON.stringify(dims.map((d) => g.group[d])));
        expect(seen.sort()).toEqual([...brute.keys()].sort());
        for (const g of body.groups) {
          const b = brute.get(JSON.stringify(dims.map((d) => g.group[d])))!;
          if (g.suppressed) continue;
          expect({ n: g.n, satisfied: g.satisfied }).toEqual(tally(b));
        }
        // Every group below k is suppressed; when exactly one is, so is one other (complementary).
        const small = body.groups.filter(
          (g: Json) => brute.get(JSON.stringify(dims.map((d) => g.group[d])))!.length < 5,
        );
        expect(small.every((g: Json) => g.suppressed)).toBe(true);
        const complementary = body.groups.filter((g: Json) => g.suppressed).length - small.length;
        expect(complementary).toBe(small.length === 1 && body.groups.length > 1 ? 1 : 0);
      }
    }
  });

  it('groups by wave: each wave counts the responses of its days', async () => {
    const all = await raw();
    const body = await ok(`satisfaction?${S}&groupBy=wave&from=2026-10-10`);
    const waves: Array<[string, string, string]> = [
      ['2026 autumn I', '2026-10-10', '2026-10-20'],
      ['2026 autumn II', '2026-10-21', '2026-11-12'],
    ];
    expect(body.groups.map((g: Json) => g.group.wave)).toEqual(waves.map((w) => w[0]));
    waves.forEach(([, from, to], i) => {
      const rows = all.filter((r) => r.day >= from && r.day <= to);
      expect(body.groups[i]).toMatchObject(tally(rows));
    });
  });

  it('answers 200 for every filter and groupBy combination', async () => {
    const dims = ['region', 'district', 'provider', 'sector', 'month', 'wave', 'channel'];
    const filters = [
      '',
      '&region=UZ-SA',
      '&district=UZ-SA-01',
      '&provider=P-SA-02-1',
      '&sector=ngo',
      '&region=UZ-SA&district=UZ-SA-02&provider=P-SA-02-2&sector=private&from=2026-10-07&to=2026-11-19',
    ];
    const endpoints = ['satisfaction', 'indicators', 'bottlenecks', 'trend'];
    for (let mask = 0; mask < 1 << dims.length; mask++) {
      const groupBy = dims.filter((_, i) => mask & (1 << i)).join(',');
      for (const [i, f] of filters.entries()) {
        // Every groupBy × every endpoint with no filter and with all filters; single filters on
        // the single-dimension groupings.
        if (i > 0 && i < filters.length - 1 && groupBy.includes(',')) continue;
        for (const e of endpoints) await ok(`${e}?${S}${f}${groupBy ? `&groupBy=${groupBy}` : ''}`);
      }
    }
  }, 120_000);

  it('refuses unknown parameters and values with 400 InvalidQuery naming them', async () => {
    const cases: Array<[string, string]> = [
      [`satisfaction?${S}&colour=red`, 'colour'],
      [`satisfaction?${S}&groupBy=region,colour`, 'groupBy'],
      [`satisfaction?${S}&sector=military`, 'sector'],
      [`satisfaction?${S}&from=2026-02-30`, 'from'],
      [`satisfaction?${S}&from=2026-11-02&to=2026-11-01`, 'from'],
      [`satisfaction?${S}&region=UZ-SA&region=UZ-BU`, 'region'],
      [`satisfaction?${S}&method=pearson`, 'method'],
      [`bottlenecks?${S}&method=kendall`, 'method'],
      ['satisfaction', 'survey'],
    ];
    for (const [path, name] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('InvalidQuery');
      expect(res.body.error.fields.map((f: Json) => f.name)).toContain(name);
    }
    const groupBy = await get(`satisfaction?${S}&groupBy=colour`);
    expect(groupBy.body.error.fields[0].message).toContain('colour');
    expect((await get('satisfaction?survey=no-such-survey')).status).toBe(404);
  });
});

describe("a manager's regions", () => {
  it('needs a session and a staff role', async () => {
    expect((await get(`satisfaction?${S}`, '')).status).toBe(401);
  });

  it('refuses a filter on another region, its districts and providers, and unknown codes: 403', async () => {
    for (const f of [
      'region=UZ-BU',
      'district=UZ-BU-01',
      'provider=P-BU-01-1',
      'district=UZ-ZZ-99',
      'region=UZ-ZZ',
    ]) {
      const res = await get(`satisfaction?${S}&${f}`, manager);
      expect(res.status, f).toBe(403);
      expect(res.body.error.code).toBe('Forbidden');
    }
    expect((await get(`satisfaction?${S}&region=UZ-BU`)).status).toBe(200); // admin
  });

  it('shows only their regions in groups and in the overall', async () => {
    // A manager's figures are protected: their overall is the protected figure of their region.
    const protectedSa = async (e: string) => {
      const res = await t.app.request(`/api/reports/${e}?${S}&region=UZ-SA`, {
        headers: { cookie: admin },
      });
      const body = (await res.json()) as Json;
      expect(body.figures).toBe('perturbed');
      return e === 'indicators' ? body.overall.satisfaction : body.overall;
    };
    const sa = await protectedSa('satisfaction');
    expect(sa.n).toBeGreaterThan(0);
    for (const e of ['satisfaction', 'indicators', 'bottlenecks']) {
      const body = await ok(`${e}?${S}&groupBy=region`, manager);
      expect(body.figures).toBe('perturbed');
      expect(body.groups.map((g: Json) => g.group.region)).toEqual(['UZ-SA']);
      const overall = e === 'indicators' ? body.overall.satisfaction : body.overall;
      expect(overall).toMatchObject({ n: sa.n, satisfied: sa.satisfied });
      expect(await protectedSa(e)).toMatchObject({ n: sa.n, satisfied: sa.satisfied });
    }
    const trend = await ok(`trend?${S}&groupBy=region`, manager);
    expect(trend.series.map((s: Json) => s.group.region)).toEqual(['UZ-SA']);
    expect(trend.overall.n).toBe(sa.n);
    const bottlenecks = await ok(`bottlenecks?${S}`, manager);
    expect(bottlenecks.regionalDisparity.best.group).toEqual({ region: 'UZ-SA' });
    expect(bottlenecks.regionalDisparity.groups).toBe(1);
  });
});

describe('GET /api/reports/indicators', () => {
  it('gives every indicator of a group, worked out by hand', async () => {
    const body = await ok(`indicators?${S}&region=UZ-QR`);
    const o = body.overall;
    expect(o.satisfaction).toMatchObject({ n: 7, satisfied: 4, rate: 4 / 7, mean: 24 / 7 });
    expect(o.trust).toMatchObject({
      n: 7,
      satisfied: 4,
      rate: 4 / 7,
      ci95: wilson(4, 7),
      mean: 24 / 7,
    });
    // timeliness 5,5,4,2,1,1 and one "na": 3 of 6
    expect(o.drivers.timeliness).toMatchObject({ n: 6, satisfied: 3, rate: 0.5, mean: 3 });
    expect(o.drivers.courtesy).toMatchObject({ n: 7, satisfied: 0, rate: 0, mean: 3 });
    // days 1 2 3 5 8 13 21 (Hyndman & Fan 2): median = 4th (n odd), p90: 0.9·7 = 6.3 → 7th.
    // Median interval: Binomial(7, 1/2), P(Y ≤ 0) = 1/128 ≤ 0.025 < P(Y ≤ 1) → l = 1;
    // P(Y ≤ 5) = 120/128 < 0.975 ≤ P(Y ≤ 6) → u = 7: [x(1), x(7)], coverage 126/128.
    // The 90th percentile needs 36 answers for a 95% interval.
    expect(o.deliveryTime).toMatchObject({
      n: 7,
      median: 5,
      p90: 21,
      medianCi95: [1, 21],
      p90Ci95: null,
      p90NoInterval: 'too_few_answers',
      quantileDefinition: 'Hyndman & Fan (1996) definition 2',
      suppressed: false,
    });
    // none ×3, formal & could afford ×1, informal ×1 and both ×1 (against the index whatever
    // they said about affording it); the "na" is its own share: 4/6
    expect(o.affordability).toMatchObject({
      n: 6,
      none: 3,
      formalAfford: 1,
      formalCannotAfford: 0,
      informal: 2,
      index: 4 / 6,
      ci95: wilson(4, 6),
      informalRate: { x: 2, n: 6, rate: 2 / 6, ci95: wilson(2, 6) },
      itemNonResponse: { responses: 7, preferNotToSay: 1, noAnswer: 0, followUpSkipped: 0 },
      suppressed: false,
    });
    expect(o.responseRate).toBeNull();
    expect(o.coverage).toBeNull();
    expect(o).not.toHaveProperty('nps'); // the survey has no recommend question
    // Scores between the published floors and targets.
    const scores = {
      satisfaction: (100 * (4 / 7 - 0.3)) / 0.65,
      trust: (100 * (4 / 7 - 0.2)) / 0.7,
      deliveryTime: (100 * (5 - 30)) / (3 - 30),
      affordability: (100 * (4 / 6 - 0.5)) / 0.5,
    };
    const weights = {
      satisfaction: 0.35 / 0.85,
      trust: 0.15 / 0.85,
      deliveryTime: 0.2 / 0.85,
      affordability: 0.15 / 0.85,
    };
    expect(o.kpi.components).toEqual(['satisfaction', 'trust', 'deliveryTime', 'affordability']);
    // No coverage (no volumes): the row is not comparable with rows that have it.
    expect(o.kpi.comparable).toBe(false);
    expect(o.kpi.missing).toEqual(['coverage']);
    expect(o.kpi.index).toBeCloseTo(
      Object.entries(scores).reduce((s, [c, v]) => s + v * weights[c as keyof typeof weights], 0),
      12,
    );
    expect(o.kpi.ci95[0]).toBeLessThan(o.kpi.index);
    expect(o.kpi.ci95[1]).toBeGreaterThan(o.kpi.index);
  });

  it('suppresses each indicator of a small group', async () => {
    const body = await ok(`indicators?${S}&groupBy=region`);
    const bu = body.groups.find((g: Json) => g.group.region === 'UZ-BU');
    expect(bu.satisfaction.suppressed).toBe(true);
    expect(bu.deliveryTime).toMatchObject({
      n: null,
      median: null,
      p90: null,
      medianCi95: null,
      suppressed: true,
    });
    expect(bu.kpi.index).toBeNull();
  });
});

describe('GET /api/reports/bottlenecks', () => {
  it('gives driver importance, performance and quadrants as the domain computes them from the raw answers', async () => {
    const sa = (await raw()).filter((r) => r.region === 'UZ-SA');
    for (const method of ['spearman', 'pearson'] as const) {
      const body = await ok(
        `bottlenecks?${S}&region=UZ-SA${method === 'pearson' ? '&method=pearson' : ''}`,
      );
      expect(body.overall.drivers).toEqual(
        analyseDrivers(driverInputs(sa), { method, joint: jointOf(sa) }),
      );
      expect(body.overall.drivers.status).toBe('ok');
      const quadrants = Object.fromEntries(
        body.overall.drivers.drivers.map((d: Json) => [d.name, d.quadrant]),
      );
      // Correlated with satisfaction and often low: the bottleneck; courtesy is high whatever the
      // satisfaction; accessibility is random.
      expect(quadrants.timeliness).toBe('concentrate_here');
      expect(quadrants.courtesy).toBe('above_need');
      expect(quadrants.accessibility).toBe('low_priority');
    }
  });

  it('says insufficient_data below 30 responses', async () => {
    const body = await ok(`bottlenecks?${S}&region=UZ-QR`);
    expect(body.overall.drivers).toEqual({ status: 'insufficient_data', n: 7, minN: 30 });
  });

  it('finds the provider significantly below the overall rate with BH FDR control', async () => {
    const sa = (await raw()).filter((r) => r.region === 'UZ-SA');
    const body = await ok(`bottlenecks?${S}&region=UZ-SA&groupBy=provider`);
    const groups = SA.map((p) => ({
      group: p.provider,
      ...tally(sa.filter((r) => r.provider === p.provider)),
    }));
    const expected = groupsBelowOverall(
      groups.map((g) => ({ group: g.group, x: g.satisfied, n: g.n })),
      { x: tally(sa).satisfied, n: tally(sa).n },
    );
    expect(body.systemic.fdr).toEqual({ method: 'benjamini-hochberg', q: 0.05 });
    expect(body.systemic.groups.map((g: Json) => g.group.provider)).toEqual(
      expected.below.map((b) => b.group),
    );
    expect(body.systemic.groups[0]).toMatchObject({
      group: { provider: 'P-SA-02-1' },
      n: 113,
      satisfied: 11,
      rate: 11 / 113,
      // group − rest, the contrast of its interval
      gap: 11 / 113 - (156 - 11) / (383 - 113),
      restRate: (156 - 11) / (383 - 113),
      pAdjusted: expected.below[0]!.pAdjusted,
    });
    const worst = (await raw()).filter((r) => r.provider === 'P-SA-02-1');
    const drivers = analyseDrivers(driverInputs(worst), { joint: jointOf(worst) });
    const concentrate =
      drivers.status === 'ok'
        ? drivers.drivers.filter((d) => d.quadrant === 'concentrate_here')
        : [];
    expect(body.systemic.groups[0].concentrateHere.map((d: Json) => d.name).sort()).toEqual(
      concentrate
        .map((d) => d.name)
        .sort()
        .slice(0, 3),
    );
  });

  it('compares state with non-state providers with Newcombe intervals', async () => {
    const body = await ok(`bottlenecks?${S}&region=UZ-SA`);
    const s = body.stateVsNonState.satisfaction;
    const d = newcombe(81, 263, 75, 120)!;
    expect(s.state).toMatchObject({ n: 263, satisfied: 81, rate: 81 / 263 });
    expect(s.nonState).toMatchObject({ n: 120, satisfied: 75, rate: 75 / 120 });
    expect({ diff: s.diff, ci95: s.ci95, significant: s.significant }).toEqual(d);
    expect(d.significant).toBe(true);
    expect(Object.keys(body.stateVsNonState.drivers)).toEqual([...DRIVERS]);
  });

  it('adjusts state vs non-state for region (Mantel–Haenszel), beside the crude difference', async () => {
    const all = await raw();
    const body = await ok(`bottlenecks?${S}`);
    const regions = [...new Set(all.map((r) => r.region))];
    const strata = regions.map((region) => {
      const here = all.filter((r) => r.region === region);
      const state = tally(here.filter((r) => r.sector === 'state'));
      const other = tally(here.filter((r) => r.sector !== null && r.sector !== 'state'));
      return { x1: state.satisfied, n1: state.n, x0: other.satisfied, n0: other.n };
    });
    const expected = mantelHaenszelRiskDifference(strata)!;
    const s = body.stateVsNonState.satisfaction;
    expect(s.adjustedForRegion).toMatchObject({
      diff: expected.diff,
      ci95: expected.ci95,
      p: expected.p,
      regions: expected.strata,
    });
    expect(body.stateVsNonState.note).toMatch(/crude/);
  });
});

describe('GET /api/reports/trend', () => {
  it('gives the rate per month and the significance of the change', async () => {
    const all = await raw();
    const oct = tally(all.filter((r) => r.day.startsWith('2026-10')));
    const nov = tally(all.filter((r) => r.day.startsWith('2026-11')));
    const body = await ok(`trend?${S}`);
    expect(body.period).toBe('month');
    expect(body.series).toHaveLength(1);
    const [first, second] = body.series[0].points;
    expect(first).toMatchObject({
      period: '2026-10',
      ...oct,
      rate: oct.satisfied / oct.n,
      change: null,
    });
    const d = newcombe(nov.satisfied, nov.n, oct.satisfied, oct.n)!;
    expect(second).toMatchObject({ period: '2026-11', ...nov, partial: false });
    // One step: its family is itself, so the BH-adjusted p is the plain one.
    const z = twoProportionZTest(nov.satisfied, nov.n, oct.satisfied, oct.n)!;
    expect(second.change).toEqual({
      from: '2026-10',
      diff: d.diff,
      ci95: d.ci95,
      p: z.p,
      pAdjusted: z.p,
      significant: d.significant && z.p <= 0.05,
    });
    expect(body.series[0].steps).toBe(1);
    expect(body.series[0].linearTrend.periods).toBe(2);
    expect(body.significance.family).toMatch(/consecutive complete periods/);
  });

  it('marks the running month partial and never tests it', async () => {
    const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
    const body = await ok(`trend?${S}&to=${today}`);
    for (const p of body.series[0].points) {
      const running = today.startsWith(p.period as string);
      expect(p.partial).toBe(running);
      if (running) expect(p.change).toBeNull();
    }
    // A range cut inside a month makes that month partial too.
    const cut = await ok(`trend?${S}&from=2026-10-15`);
    expect(cut.series[0].points[0]).toMatchObject({
      period: '2026-10',
      partial: true,
      change: null,
    });
    expect(cut.series[0].points[1].change).toBeNull();
  });

  it('gives the rate per wave', async () => {
    const body = await ok(`trend?${S}&groupBy=wave`);
    expect(body.period).toBe('wave');
    expect(body.series[0].points.map((p: Json) => p.period)).toEqual([
      '2026 autumn I',
      '2026 autumn II',
    ]);
    expect(body.series[0].points[1].change.from).toBe('2026 autumn I');
  });
});
