/**
 * The attack harness of disclosure control (shared/METRICS.md, "Disclosure control"): a determined
 * manager, with ordinary report calls only, against a database with planted groups of 1–4
 * responses — date-range differencing (adjacent and sliding), margins and filtered overall rows,
 * averaging every query that isolates the same group, and re-querying after new responses. It
 * prints how many planted groups it pinned down exactly (n and satisfied both right); protected
 * figures must give none. The same attacks on exact figures (an admin's `exact=1`) pin groups
 * down, so the harness is known to work.
 *
 * Also: random protected queries equal the direct sum of the stored frozen blocks, a closed block
 * does not change when responses arrive later, a grouping across grids is refused with its reason,
 * and a manager cannot ask for exact figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freezeClosed } from '../../server/anonymity/freeze.js';
import { demoTestApp } from '../helpers/demo-app.js';
import type { TestApp } from '../helpers/app.js';
import { prng, submitOn, type Submission } from '../helpers/submissions.js';
import { signIn, userSession } from '../helpers/session.js';

// Report bodies are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const S = 'survey=social-services';
const NOW = Date.parse('2026-12-07T12:00:00Z');

interface Planted {
  name: string;
  provider: string;
  region: string;
  day: string;
  n: number;
  satisfied: number;
}

let t: TestApp;
let admin: string;
let manager: string;
const planted: Planted[] = [];

function answersOf(satisfaction: number): Record<string, unknown> {
  return {
    satisfaction,
    trust: satisfaction,
    drivers: {
      timeliness: 3,
      ease: 3,
      information: 3,
      courtesy: 3,
      fairness: 3,
      accessibility: 3,
      outcome: 3,
    },
    comment: 'Planted comment',
  };
}

async function plant(name: string, provider: string, region: string, day: string, size: number) {
  const subs: Submission[] = [];
  let satisfied = 0;
  for (let i = 0; i < size; i++) {
    const s = ((i * 3 + size) % 5) + 1;
    if (s >= 4) satisfied += 1;
    subs.push({ link: { provider, channel: 'phone' }, answers: answersOf(s) });
  }
  await submitOn(t, day, subs);
  planted.push({ name, provider, region, day, n: size, satisfied });
}

async function get(url: string, cookie: string): Promise<{ status: number; body: Json }> {
  const res = await t.app.request(url, { headers: { cookie } });
  return { status: res.status, body: await res.json() };
}

/** The overall (n, satisfied) of a satisfaction report, null when not shown. */
async function overall(query: string, cookie: string, exact: boolean) {
  const { status, body } = await get(
    `/api/reports/satisfaction?${S}&${query}${exact ? '&exact=1' : ''}`,
    cookie,
  );
  expect(status, JSON.stringify(body)).toBe(200);
  const o = body.overall;
  return o.suppressed ? null : { n: o.n as number, satisfied: o.satisfied as number };
}

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Every attack on one planted group; true when one gives its n and satisfied exactly. */
async function attack(g: Planted, cookie: string, exact: boolean): Promise<boolean> {
  const hits = (
    a: { n: number; satisfied: number } | null,
    b: { n: number; satisfied: number } | null,
  ) => a !== null && b !== null && a.n - b.n === g.n && a.satisfied - b.satisfied === g.satisfied;
  const guesses: Array<{ n: number; satisfied: number }> = [];
  const diff = async (a: string, b: string) => {
    const [x, y] = [await overall(a, cookie, exact), await overall(b, cookie, exact)];
    if (x && y) guesses.push({ n: x.n - y.n, satisfied: x.satisfied - y.satisfied });
    return hits(x, y);
  };
  let pinned = false;
  // Adjacent date ranges, provider and region filters (filtered overall rows).
  for (const filter of [`provider=${g.provider}`, `region=${g.region}`]) {
    for (const back of [1, 20, 45]) {
      const from = shift(g.day, -back);
      if (
        await diff(
          `${filter}&from=${from}&to=${g.day}`,
          `${filter}&from=${from}&to=${shift(g.day, -1)}`,
        )
      )
        pinned = true;
      if (
        await diff(
          `${filter}&from=${g.day}&to=${shift(g.day, back)}`,
          `${filter}&from=${shift(g.day, 1)}&to=${shift(g.day, back)}`,
        )
      )
        pinned = true;
    }
  }
  // Sliding windows: [d − w, d + 1] minus [d − w, d − 1] minus the next day alone.
  for (const w of [3, 10]) {
    const f = `provider=${g.provider}`;
    if (
      await diff(
        `${f}&from=${shift(g.day, -w)}&to=${g.day}`,
        `${f}&from=${shift(g.day, -w)}&to=${shift(g.day, -1)}`,
      )
    )
      pinned = true;
  }
  // A table and its margin: the region's providers on the day's whole range vs the region total.
  {
    const range = `from=${shift(g.day, -30)}&to=${shift(g.day, 30)}`;
    const { body } = await get(
      `/api/reports/satisfaction?${S}&region=${g.region}&${range}&groupBy=provider${exact ? '&exact=1' : ''}`,
      cookie,
    );
    const total = body.overall.suppressed ? null : body.overall;
    const others = (body.groups as Json[]).filter((r) => r.group.provider !== g.provider);
    if (total && others.every((r) => !r.suppressed)) {
      const rest = others.reduce(
        (s: { n: number; satisfied: number }, r: Json) => ({
          n: s.n + r.n,
          satisfied: s.satisfied + r.satisfied,
        }),
        { n: 0, satisfied: 0 },
      );
      const later = await overall(
        `provider=${g.provider}&from=${shift(g.day, 1)}&to=${shift(g.day, 30)}`,
        cookie,
        exact,
      );
      const earlier = await overall(
        `provider=${g.provider}&from=${shift(g.day, -30)}&to=${shift(g.day, -1)}`,
        cookie,
        exact,
      );
      if (later && earlier) {
        const guess = {
          n: total.n - rest.n - later.n - earlier.n,
          satisfied: total.satisfied - rest.satisfied - later.satisfied - earlier.satisfied,
        };
        guesses.push(guess);
        if (guess.n === g.n && guess.satisfied === g.satisfied) pinned = true;
      }
    }
  }
  // Averaging every guess about this group.
  if (guesses.length) {
    const n = guesses.reduce((s, x) => s + x.n, 0) / guesses.length;
    const sat = guesses.reduce((s, x) => s + x.satisfied, 0) / guesses.length;
    if (Math.round(n) === g.n && Math.round(sat) === g.satisfied && Math.abs(n - g.n) < 0.25)
      pinned = true;
  }
  return pinned;
}

beforeAll(async () => {
  t = await demoTestApp(
    { responses: 3000, end: '2026-10-31', days: 120, validate: 50, volumes: false },
    NOW,
  );
  admin = await signIn(t.app);
  const registry = await t.booted.deps.registry.snapshot();
  manager = await userSession(
    t.app,
    admin,
    'curious',
    'manager',
    registry.regions.map((r) => r.code),
  );
  const rand = prng(19);
  for (let i = 0; i < 12; i++) {
    const p = registry.providers[Math.floor(rand() * registry.providers.length)]!;
    const month = ['07', '08', '09', '10'][i % 4]!;
    const day = `2026-${month}-${String(5 + i).padStart(2, '0')}`;
    await plant(`day-${i}`, p.code, p.region, day, 1 + (i % 4));
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('the attack harness', () => {
  it('pins down no planted group from protected figures (and some from exact ones)', async () => {
    let protectedPinned = 0;
    let exactPinned = 0;
    for (const g of planted) {
      if (await attack(g, manager, false)) protectedPinned += 1;
      if (await attack(g, admin, true)) exactPinned += 1;
    }
    console.log(
      `anonymity attack: ${protectedPinned} of ${planted.length} planted groups of 1–4 pinned down ` +
        `from protected figures; ${exactPinned} from exact figures`,
    );
    expect(exactPinned).toBeGreaterThan(0);
    expect(protectedPinned).toBe(0);
  }, 300_000);

  it('finds nothing new by re-querying after new responses arrive', async () => {
    const g = planted[0]!;
    const q = `provider=${g.provider}&from=2026-07-01&to=2026-11-30`;
    const before = await overall(q, manager, false);
    const commentsOf = async () =>
      (await get(`/api/reports/comments?${S}&${q}`, manager)).body.comments;
    const commentsBefore = await commentsOf();
    expect(commentsBefore.length).toBeGreaterThan(0);
    const blocksBefore = await t.booted.deps.db
      .selectFrom('frozen_block')
      .select(['id', 'counts'])
      .orderBy('id')
      .execute();
    // Late responses on the planted day, and responses in the running month.
    await plant('late', g.provider, g.region, g.day, 2);
    await submitOn(t, '2026-12-03', [
      { link: { provider: g.provider, channel: 'phone' }, answers: answersOf(5) },
    ]);
    const after = await overall(q, manager, false);
    expect(after).toEqual(before);
    // Nor do the comments: the late responses' comments wait for the month that counts them.
    expect(await commentsOf()).toEqual(commentsBefore);
    const blocksAfter = await t.booted.deps.db
      .selectFrom('frozen_block')
      .select(['id', 'counts'])
      .orderBy('id')
      .execute();
    expect(blocksAfter).toEqual(blocksBefore);
  });
});

describe('protected figures', () => {
  it('equal the direct sum of the stored frozen blocks, for random queries', async () => {
    const registry = await t.booted.deps.registry.snapshot();
    const rand = prng(7);
    const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
    const blocks = await t.booted.deps.db
      .selectFrom('frozen_block')
      .selectAll()
      .where('version', '=', 1)
      .execute();
    for (let i = 0; i < 25; i++) {
      const p = registry.providers[Math.floor(rand() * registry.providers.length)]!;
      const a = Math.floor(rand() * 4);
      const b = a + Math.floor(rand() * (4 - a));
      const from = `${months[a]}-${String(1 + Math.floor(rand() * 14)).padStart(2, '0')}`;
      const to = `${months[b]}-${String(15 + Math.floor(rand() * 14)).padStart(2, '0')}`;
      const kind = Math.floor(rand() * 4);
      const filter: Record<string, string> =
        kind === 0
          ? { region: p.region }
          : kind === 1
            ? { provider: p.code }
            : kind === 2
              ? { sector: p.sector }
              : { channel: 'phone' };
      const grid = kind === 3 ? 'rc' : 'dp';
      const groupBy = kind === 3 ? 'region' : 'district';
      const qs = new URLSearchParams({ ...filter, from, to, groupBy }).toString();
      const { status, body } = await get(`/api/reports/satisfaction?${S}&${qs}`, manager);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.figures).toBe('perturbed');
      expect(body.period).toEqual({
        from: `${months[a]}-01`,
        to: `${months[b]}-${months[b] === '2026-09' ? '30' : '31'}`,
      });
      const chosen = blocks.filter(
        (x) =>
          x.grid === grid &&
          x.month >= months[a]! &&
          x.month <= months[b]! &&
          Object.entries(filter).every(([k, v]) => (x as Json)[k] === v),
      );
      // A rate is read from the blocks' rate counts: [answers 4 or 5, answers 1–3].
      const sum = (rows: typeof chosen) => {
        let n = 0;
        let satisfied = 0;
        for (const r of rows) {
          const [x, y] = JSON.parse(r.counts).r?.satisfaction ?? [0, 0];
          n += x + y;
          satisfied += x;
        }
        return { n, satisfied };
      };
      const direct = sum(chosen);
      if (!body.overall.suppressed) {
        expect({ n: body.overall.n, satisfied: body.overall.satisfied }).toEqual(direct);
      }
      for (const row of body.groups as Json[]) {
        if (row.suppressed) continue;
        const key = row.group[groupBy] ?? '';
        expect({ n: row.n, satisfied: row.satisfied }).toEqual(
          sum(chosen.filter((x) => (x as Json)[groupBy] === key)),
        );
      }
      // Margins add up: the groups' n sum to the overall n when none is hidden.
      if (!body.overall.suppressed && (body.groups as Json[]).every((r) => !r.suppressed)) {
        expect((body.groups as Json[]).reduce((s, r) => s + r.n, 0)).toBe(body.overall.n);
      }
    }
  });

  it('never shows a block count between 1 and k − 1', async () => {
    const rows = await t.booted.deps.db.selectFrom('frozen_block').select(['counts']).execute();
    expect(rows.length).toBeGreaterThan(0);
    const small: number[] = [];
    const visit = (v: unknown): void => {
      if (typeof v === 'number') {
        if (v > 0 && v < 5) small.push(v);
      } else if (v && typeof v === 'object') Object.values(v).forEach(visit);
    };
    for (const r of rows) visit(JSON.parse(r.counts));
    expect(small).toEqual([]);
  });

  it('refuses a grouping across grids, with the reason, and exact figures to a manager', async () => {
    const crossed = await get(`/api/reports/satisfaction?${S}&groupBy=provider,channel`, manager);
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.code).toBe('CrossesGrids');
    expect(crossed.body.error.message).toMatch(/month × district × provider/);
    const exact = await get(`/api/reports/satisfaction?${S}&exact=1`, manager);
    expect(exact.status).toBe(403);
    const asAdmin = await get(
      `/api/reports/satisfaction?${S}&groupBy=provider,channel&exact=1`,
      admin,
    );
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.figures).toBe('exact');
  });

  it('shows comments only by closed month and never the running one', async () => {
    const { status, body } = await get(`/api/reports/comments?${S}&from=2026-12-01`, manager);
    expect(status).toBe(200);
    expect(body.period).toBeNull();
    expect(body.comments).toEqual([]);
    const closed = await get(`/api/reports/comments?${S}&from=2026-08-15&to=2026-08-15`, manager);
    expect(closed.body.period).toEqual({ from: '2026-08-01', to: '2026-08-31' });
    for (const c of closed.body.comments as Json[]) expect(c.month).toBe('2026-08');
  });

  it('re-protects every frozen month from the same members with a new table version, audited', async () => {
    const { db, config } = t.booted.deps;
    const v1 = await db.selectFrom('frozen_block').selectAll().where('version', '=', 1).execute();
    const keys = await db.selectFrom('record_key').select(['response_id', 'block_month']).execute();
    const result = await freezeClosed({
      db,
      config: { ...config, ptable: { ...config.ptable, version: 2 } },
      now: () => NOW,
    });
    const months = (v: number) =>
      db
        .selectFrom('frozen_month')
        .select('month')
        .where('version', '=', v)
        .orderBy('survey_id')
        .orderBy('month')
        .execute();
    expect(result.frozen.length).toBeGreaterThan(0);
    expect(await months(2)).toEqual(await months(1));
    // The same members and keys; the earlier version's blocks untouched.
    expect(
      await db.selectFrom('record_key').select(['response_id', 'block_month']).execute(),
    ).toEqual(keys);
    expect(
      await db.selectFrom('frozen_block').selectAll().where('version', '=', 1).execute(),
    ).toEqual(v1);
    const v2 = await db.selectFrom('frozen_block').selectAll().where('version', '=', 2).execute();
    const cell = (b: (typeof v1)[number]) =>
      [b.survey_id, b.grid, b.month, b.region, b.district, b.provider, b.sector, b.channel].join(
        '|',
      );
    expect(v2.map(cell).sort()).toEqual(v1.map(cell).sort());
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'ptable.version')
      .where('target', '=', '2')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toMatchObject({ previous: 1, refreeze: true });
  });
});
