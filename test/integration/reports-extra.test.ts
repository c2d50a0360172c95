/**
 * The reports' channel filter (exact against a brute-force count of the raw responses over a
 * partial-month range), the comments report (k-rule, masking, manager scope, newest-first
 * paging), and what report filters offer: the survey list (no drafts) and the registry (a manager's
 * regions only).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signContext } from '../../server/links/context.js';
import { lastClosedMonth } from '../../server/anonymity/grids.js';
import { maskComment } from '../../server/reports/mask.js';
import type { LinkContext } from '../../common/survey/types.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { ROOT } from '../helpers/server.js';
import { call, signIn, userSession } from '../helpers/session.js';
import {
  CHANNELS,
  prng,
  randomSubmission,
  submitOn,
  type Submission,
} from '../helpers/submissions.js';

// The JSON bodies of the reports, read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let admin: string;
let manager: string;

const FROM = '2026-09-25';
const TO = '2026-11-04';
const QF = 'survey=quick-feedback';

/** Quick-feedback responses on one local day (UTC+5): satisfaction, a comment, a link. */
async function quick(
  day: string,
  subs: Array<{ link?: LinkContext; comment?: string; satisfaction?: number }>,
) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T07:30:00Z`));
  try {
    for (const s of subs) {
      const res = await postJson(t.app, '/api/public/surveys/quick-feedback/responses', {
        id: randomUUID(),
        answers: {
          satisfaction: s.satisfaction ?? 4,
          ...(s.comment !== undefined ? { comment: s.comment } : {}),
        },
        ...(s.link ? { c: signContext(t.booted.deps.secret, 'quick-feedback', s.link) } : {}),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    await t.booted.deps.writer.drain();
  } finally {
    vi.useRealTimers();
  }
}

/**
 * These tests check exact figures against brute-force counts: a sociologist's or an admin's
 * `exact=1` on the reports. A manager sees protected figures (test/integration/anonymity-attack.test.ts).
 */
async function get(url: string, cookie = admin) {
  const report = /^\/api\/reports\/(satisfaction|indicators|bottlenecks|trend|comments)\?/.test(
    url,
  );
  const exact = report && cookie !== manager && cookie !== '' ? '&exact=1' : '';
  const res = await call(t.app, 'GET', `${url}${exact}`, cookie);
  return { status: res.status, body: (await res.json()) as Json };
}

async function ok(url: string, cookie = admin) {
  const res = await get(url, cookie);
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

interface Raw {
  id: string;
  day: string;
  submitted_at: string;
  region: string | null;
  provider: string | null;
  channel: string | null;
  answers: Record<string, unknown>;
}

async function raw(slug: string): Promise<Raw[]> {
  const rows = await t.booted.deps.db
    .selectFrom('response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .select(['r.id', 'r.day', 'r.submitted_at', 'r.region', 'r.provider', 'r.channel'])
    .select('r.answers')
    .where('s.slug', '=', slug)
    .execute();
  return rows.map((r) => ({ ...r, answers: JSON.parse(r.answers) as Record<string, unknown> }));
}

const inRange = (r: Raw) => r.day >= FROM && r.day <= TO;
const satisfied = (r: Raw) => (r.answers.satisfaction as number) >= 4;

/** Every comment of the selection, newest first, as the report should give them. */
async function expectedComments(keep: (r: Raw) => boolean): Promise<string[]> {
  return (await raw('quick-feedback'))
    .filter((r) => typeof r.answers.comment === 'string' && keep(r))
    .sort((a, b) =>
      a.day !== b.day
        ? b.day.localeCompare(a.day)
        : a.submitted_at !== b.submitted_at
          ? b.submitted_at.localeCompare(a.submitted_at)
          : b.id.localeCompare(a.id),
    )
    .map((r) => maskComment(r.answers.comment as string));
}

async function allPages(url: string, limit: number, cookie = admin): Promise<Json[]> {
  const out: Json[] = [];
  let before: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Json = await ok(
      `${url}&limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
      cookie,
    );
    expect(page.comments.length).toBeLessThanOrEqual(limit);
    out.push(...page.comments);
    before = page.next;
    if (before === null) return out;
    expect(page.comments.length).toBe(limit);
  }
  throw new Error('paging did not end');
}

const PERSONAL =
  'Qo‘ng‘iroq qiling: +998 90 123 45 67 yoki 91-234-56-78, pochta ali.valiyev@mail.uz, pasport AA1234567. 2026 yil, 3 kun, 150 000 so‘m.';

beforeAll(async () => {
  t = await testApp();
  // Social-services: random responses over three months, every channel and none.
  const rand = prng(11);
  const registry = await t.booted.deps.registry.snapshot();
  const byDay = new Map<string, Submission[]>();
  for (let i = 0; i < 260; i++) {
    const day = new Date(Date.UTC(2026, 8, 20 + Math.floor(rand() * 52)))
      .toISOString()
      .slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), randomSubmission(rand, registry)]);
  }
  for (const [day, subs] of byDay) await submitOn(t, day, subs);

  // Quick-feedback comments. Samarkand: P-SA-01-1 (state) 6 responses, P-SA-01-2 (ngo) 2, over
  // several days; Bukhara: 4 (k − 1) for now.
  const sa = (provider: string, channel: string, i: number) => ({
    link: { provider, channel },
    comment: `Samarqand izohi #${i}`,
  });
  await quick('2026-10-02', [sa('P-SA-01-1', 'centre', 1), sa('P-SA-01-1', 'phone', 2)]);
  await quick('2026-10-15', [
    sa('P-SA-01-1', 'centre', 3),
    sa('P-SA-01-2', 'online', 4),
    { link: { provider: 'P-SA-01-1', channel: 'centre' } }, // no comment
  ]);
  await quick('2026-11-03', [
    sa('P-SA-01-1', 'centre', 5),
    sa('P-SA-01-2', 'phone', 6),
    { link: { provider: 'P-SA-01-1', channel: 'mahalla' }, comment: PERSONAL },
  ]);
  await quick(
    '2026-10-20',
    [1, 2, 3, 4].map((i) => ({
      link: { provider: 'P-BU-01-1', channel: 'centre' },
      comment: `Buxoro izohi #${i}`,
    })),
  );

  admin = await signIn(t.app);
  manager = await userSession(t.app, admin, 'samarkand', 'manager', ['UZ-SA']);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('the channel filter', () => {
  const S = `survey=social-services&from=${FROM}&to=${TO}`;
  const rows = async () => (await raw('social-services')).filter(inRange);

  it('has responses outside the range and without a channel, so the filter has work to do', async () => {
    const all = await raw('social-services');
    expect(all.filter((r) => !inRange(r)).length).toBeGreaterThan(10);
    expect(all.filter((r) => inRange(r) && r.channel === null).length).toBeGreaterThan(5);
    expect(all.filter((r) => r.day.slice(5, 7) === '09' && inRange(r)).length).toBeGreaterThan(5);
  });

  it.each(CHANNELS)('%s: equals a brute-force count over a partial-month range', async (ch) => {
    const body = await ok(`/api/reports/satisfaction?${S}&channel=${ch}`);
    const mine = (await rows()).filter((r) => r.channel === ch);
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(body.overall).toMatchObject({
      n: mine.length,
      satisfied: mine.filter(satisfied).length,
    });
    expect(body.filters).toEqual({ channel: ch });
  });

  it('is exact by provider (the daily provider cuboid) and with a region filter', async () => {
    const body = await ok(`/api/reports/satisfaction?${S}&channel=centre&groupBy=provider`);
    const mine = (await rows()).filter((r) => r.channel === 'centre');
    for (const g of body.groups) {
      if (g.suppressed) continue;
      const own = mine.filter((r) => r.provider === g.group.provider);
      expect(g.n, g.group.provider).toBe(own.length);
      expect(g.satisfied).toBe(own.filter(satisfied).length);
    }
    expect(body.groups.filter((g: Json) => !g.suppressed).length).toBeGreaterThan(0);
    const region = mine.find((r) => r.region !== null)!.region!;
    const one = await ok(`/api/reports/satisfaction?${S}&channel=centre&region=${region}`);
    expect(one.overall.n ?? 0).toBe(
      one.overall.suppressed ? 0 : mine.filter((r) => r.region === region).length,
    );
  });

  it('applies to every report, and leaves volume-based indicators empty', async () => {
    for (const kind of ['indicators', 'bottlenecks', 'trend']) {
      await ok(`/api/reports/${kind}?${S}&channel=phone`);
    }
    // Volumes are recorded per provider and month, not per channel.
    const registry = await t.booted.deps.registry.snapshot();
    await t.booted.deps.db
      .insertInto('service_volume')
      .values(
        registry.providers.flatMap((p) =>
          ['2026-09', '2026-10', '2026-11'].map((month) => ({
            provider: p.code,
            month,
            served: 5000,
            offered: 4000,
          })),
        ),
      )
      .execute();
    const all = await ok(`/api/reports/indicators?${S}`);
    expect(all.overall.responseRate).toEqual(expect.any(Number));
    const phone = await ok(`/api/reports/indicators?${S}&channel=phone`);
    expect(phone.overall).toMatchObject({ responseRate: null, coverage: null });
  });

  it('refuses a channel that is not one', async () => {
    const res = await get(`/api/reports/satisfaction?${S}&channel=fax`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: Json) => f.name)).toEqual(['channel']);
  });
});

describe('GET /api/reports/comments', () => {
  it("gives each comment its month, language, group and the respondent's scores only, masked, newest first", async () => {
    const body = await ok(`/api/reports/comments?${QF}&region=UZ-SA`);
    expect(body).toMatchObject({ k: 5, suppressed: false, next: null });
    expect(body.comments.map((c: Json) => c.text)).toEqual(
      await expectedComments((r) => r.region === 'UZ-SA'),
    );
    for (const c of body.comments) {
      expect(Object.keys(c).sort()).toEqual([
        'group',
        'lang',
        'lowest',
        'lowestScore',
        'month',
        'satisfaction',
        'text',
      ]);
      expect(c.month).toMatch(/^\d{4}-\d{2}$/);
      expect(c.lang).toBe('uz');
    }
    const found = body.comments.find((c: Json) => c.text.startsWith('Qo‘ng‘iroq'));
    // The respondent's scores beside the comment (test/integration/comments-scores.test.ts).
    const { satisfaction, lowest, lowestScore, ...personal } = found;
    expect([null, 1, 2, 3, 4, 5]).toContain(satisfaction);
    expect(Array.isArray(lowest)).toBe(true);
    expect(lowest.length === 0 ? lowestScore === null : lowestScore >= 1).toBe(true);
    expect(personal).toEqual({
      text: 'Qo‘ng‘iroq qiling: [phone] yoki [phone], pochta [email], pasport [id]. 2026 yil, 3 kun, 150 000 so‘m.',
      month: '2026-11',
      lang: 'uz',
      group: { region: 'UZ-SA', sector: 'state', provider: 'P-SA-01-1' },
    });
    expect(JSON.stringify(body)).not.toMatch(/T\d\d:|123 45 67|ali\.valiyev|AA1234567/);
  });

  it('names a provider only when it has at least k responses in the selection', async () => {
    const body = await ok(`/api/reports/comments?${QF}&region=UZ-SA`);
    const groups = body.comments.map((c: Json) => c.group);
    expect(groups).toContainEqual({ region: 'UZ-SA', sector: 'state', provider: 'P-SA-01-1' });
    expect(groups).toContainEqual({ region: 'UZ-SA', sector: 'ngo' }); // 2 responses < k
    expect(JSON.stringify(body)).not.toContain('P-SA-01-2');
    const ngo = body.comments
      .filter((c: Json) => c.group.sector === 'ngo')
      .map((c: Json) => c.text);
    expect(ngo.sort()).toEqual(['Samarqand izohi #4', 'Samarqand izohi #6']);
  });

  it('is suppressed for a group of k − 1 responses and shown at k', async () => {
    const before = await get(`/api/reports/comments?${QF}&region=UZ-BU`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ k: 5, suppressed: true, comments: [], next: null });
    expect(JSON.stringify(before.body)).not.toContain('Buxoro');
    // A channel filter narrows the group: 2 of Samarkand's 8 are by phone.
    const phone = await ok(`/api/reports/comments?${QF}&region=UZ-SA&channel=phone`);
    expect(phone).toMatchObject({ suppressed: true, comments: [] });

    await quick('2026-10-21', [{ link: { provider: 'P-BU-01-1', channel: 'phone' } }]);
    const after = await ok(`/api/reports/comments?${QF}&region=UZ-BU`);
    expect(after.suppressed).toBe(false);
    expect(after.comments.map((c: Json) => c.text)).toEqual(
      await expectedComments((r) => r.region === 'UZ-BU'),
    );
    expect(after.comments).toHaveLength(4);
    // The comment-less response counts toward k but is no comment.
    expect(after.comments.every((c: Json) => c.group.provider === 'P-BU-01-1')).toBe(true);
  });

  it('filters by channel and day range', async () => {
    const body = await ok(
      `/api/reports/comments?${QF}&channel=centre&from=2026-10-01&to=2026-10-31`,
    );
    expect(body.suppressed).toBe(false);
    expect(body.comments.map((c: Json) => c.text)).toEqual(
      await expectedComments(
        (r) => r.channel === 'centre' && r.day >= '2026-10-01' && r.day <= '2026-10-31',
      ),
    );
  });

  it('pages newest first with an opaque cursor, every comment once', async () => {
    const expected = await expectedComments(() => true);
    expect(expected.length).toBeGreaterThan(7);
    for (const limit of [1, 3, 5]) {
      const got = await allPages(`/api/reports/comments?${QF}`, limit);
      expect(
        got.map((c) => c.text),
        `limit ${limit}`,
      ).toEqual(expected);
    }
    const first = await ok(`/api/reports/comments?${QF}&limit=2`);
    expect(first.next).toEqual(expect.any(String));
    for (const id of (await raw('quick-feedback')).map((r) => r.id)) {
      expect(Buffer.from(first.next, 'base64url').toString('latin1')).not.toContain(id);
    }
  });

  it('refuses a forged cursor and a bad limit', async () => {
    const first = await ok(`/api/reports/comments?${QF}&limit=2`);
    const forged = `${first.next.slice(0, -2)}${first.next.endsWith('A') ? 'BB' : 'AA'}`;
    for (const q of [
      `before=${forged}`,
      'before=abc',
      'limit=0',
      'limit=201',
      'limit=x',
      'groupBy=region',
    ]) {
      const res = await get(`/api/reports/comments?${QF}&${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('InvalidQuery');
    }
    expect((await get('/api/reports/comments?survey=nope')).status).toBe(404);
  });

  it('gives a manager only their regions and refuses a filter outside them', async () => {
    // A manager's comments are those of closed, frozen months only.
    const body = await ok(`/api/reports/comments?${QF}`, manager);
    expect(body.figures).toBe('perturbed');
    const closed = lastClosedMonth(Date.now(), 300, 3);
    expect(body.comments.map((c: Json) => c.text)).toEqual(
      body.suppressed
        ? []
        : await expectedComments((r) => r.region === 'UZ-SA' && r.day.slice(0, 7) <= closed),
    );
    for (const q of [
      'region=UZ-BU',
      'district=UZ-BU-01',
      'provider=P-BU-01-1',
      'provider=P-NONE',
    ]) {
      const res = await get(`/api/reports/comments?${QF}&${q}`, manager);
      expect(res.status, q).toBe(403);
      expect(res.body.error.code).toBe('Forbidden');
    }
    const sociologist = await userSession(t.app, admin, 'sofia', 'sociologist');
    expect((await get(`/api/reports/comments?${QF}`, sociologist)).status).toBe(200);
    expect((await get(`/api/reports/comments?${QF}`, '')).status).toBe(401);
  });
});

describe('GET /api/reports/surveys', () => {
  it('lists open and closed surveys, never drafts, for a manager too', async () => {
    const json = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'surveys/quick-feedback.json'), 'utf8'),
    ) as Record<string, unknown>;
    delete json.ovozStatus;
    for (const slug of ['a-draft', 'a-closed']) {
      const res = await postJson(t.app, '/api/admin/surveys', { slug, json }, { cookie: admin });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    for (const step of ['open', 'close']) {
      const res = await call(t.app, 'POST', `/api/admin/surveys/a-closed/${step}`, admin, {});
      expect(res.status, step).toBeLessThan(300);
    }
    const body = await ok('/api/reports/surveys', manager);
    const slugs = body.surveys.map((s: Json) => s.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['quick-feedback', 'social-services', 'a-closed']),
    );
    expect(slugs).not.toContain('a-draft');
    expect(body.surveys.find((s: Json) => s.slug === 'a-closed')).toEqual({
      slug: 'a-closed',
      title: json.title,
      status: 'closed',
      latestVersion: 1,
    });
    expect(body.surveys.find((s: Json) => s.slug === 'quick-feedback')).toMatchObject({
      status: 'open',
      title: { en: 'Tell us what you think' },
    });
  });
});

describe('GET /api/reports/registry', () => {
  it('gives a manager the names of their regions only, and others every region', async () => {
    const mine = await ok('/api/reports/registry', manager);
    expect(mine.regions.map((r: Json) => r.code)).toEqual(['UZ-SA']);
    expect(mine.regions[0].names).toEqual({
      uz: expect.any(String),
      'uz-Cyrl': expect.any(String),
      ru: expect.any(String),
      en: expect.any(String),
    });
    expect(mine.districts.length).toBeGreaterThan(0);
    expect(mine.providers.length).toBeGreaterThan(0);
    expect(mine.districts.every((d: Json) => d.region === 'UZ-SA')).toBe(true);
    expect(mine.providers.every((p: Json) => p.region === 'UZ-SA' && p.names.en)).toBe(true);
    const all = await ok('/api/reports/registry');
    expect(all.regions.length).toBeGreaterThanOrEqual(14);
    expect(all.providers.some((p: Json) => p.region === 'UZ-BU')).toBe(true);
  });
});
