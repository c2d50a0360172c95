/**
 * GET /api/reports/comments beside each comment: the respondent's satisfaction score and the
 * drivers they rated lowest, read from the same stored response; narrowed by language, lowest
 * driver and score — each narrowing returning exactly the stored responses that match, and the
 * selection's k gate and masking unchanged. On a small demo dataset (server/demo).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/generate.js';
import { DRIVERS as PLANTED_DRIVERS } from '../../server/demo/planted.js';
import { respondentScores } from '../../server/reports/comment-rows.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

// The JSON bodies of the report, read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let admin: string;
const S = 'survey=social-services&exact=1&limit=200';
const DRIVERS: readonly string[] = PLANTED_DRIVERS;

/** Every comment of a query, page after page. */
async function comments(query: string, cookie = admin): Promise<Json[]> {
  const out: Json[] = [];
  let before: string | null = null;
  do {
    const res = await t.app.request(
      `/api/reports/comments?${S}${query}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
      { headers: { cookie } },
    );
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(200);
    out.push(...body.comments);
    before = body.next;
  } while (before);
  return out;
}

/** The stored responses with a comment: their language and what they said. */
async function stored() {
  const rows = await t.booted.deps.db.selectFrom('response').select(['lang', 'answers']).execute();
  const drivers = DRIVERS.map((name) => ({ name, question: 'drivers', row: name }));
  return rows
    .map((r) => ({ lang: r.lang, answers: JSON.parse(r.answers) as Record<string, unknown> }))
    .filter((r) => typeof r.answers.comment === 'string' && r.answers.comment.trim() !== '')
    .map((r) => ({
      lang: r.lang,
      ...respondentScores(r.answers, {
        satisfaction: { question: 'satisfaction' },
        drivers,
      }),
    }));
}

beforeAll(async () => {
  t = await testApp();
  const { storage, config } = t.booted.deps;
  await loadDemo(
    { storage, utcOffsetMinutes: config.utcOffsetMinutes },
    { end: '2026-10-31', responses: 1500, seed: 7, volumes: false },
  );
  admin = await signIn(t.app);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('comments a manager can use', () => {
  it('carry the respondent’s score and lowest-rated drivers, as stored', async () => {
    const all = await comments('');
    const responses = await stored();
    expect(all.length).toBe(responses.length);
    expect(all.length).toBeGreaterThan(20);
    const key = (c: {
      satisfaction: number | null;
      lowest: string[];
      lowestScore: number | null;
      lang: string;
    }) => JSON.stringify([c.lang, c.satisfaction, c.lowest, c.lowestScore]);
    expect(all.map(key).sort()).toEqual(responses.map(key).sort());
    for (const c of all) {
      expect([1, 2, 3, 4, 5]).toContain(c.satisfaction);
      for (const d of c.lowest) expect(DRIVERS).toContain(d);
    }
  });

  it('narrow by score, lowest driver and language to exactly the matching responses', async () => {
    const responses = await stored();
    for (const score of [1, 2, 5]) {
      const got = await comments(`&score=${score}`);
      expect(got.every((c) => c.satisfaction === score)).toBe(true);
      expect(got.length, `score ${score}`).toBe(
        responses.filter((r) => r.satisfaction === score).length,
      );
    }
    const slow = await comments('&driver=timeliness');
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.every((c) => c.lowest.includes('timeliness'))).toBe(true);
    expect(slow.length).toBe(responses.filter((r) => r.lowest.includes('timeliness')).length);
    const ru = await comments('&lang=ru&score=1');
    expect(ru.every((c) => c.lang === 'ru' && c.satisfaction === 1)).toBe(true);
    expect(ru.length).toBe(responses.filter((r) => r.lang === 'ru' && r.satisfaction === 1).length);
  });

  it('refuses unknown narrowing values, and stays behind the k gate', async () => {
    for (const q of ['&score=6', '&lang=fr', '&driver=Bad%20Name']) {
      const res = await t.app.request(`/api/reports/comments?${S}${q}`, {
        headers: { cookie: admin },
      });
      expect(res.status, q).toBe(400);
    }
    // A selection with fewer than k responses (one provider, one day): nothing, whatever the
    // narrowing.
    const small = await t.booted.deps.db
      .selectFrom('response')
      .select(['provider', 'day'])
      .select((eb) => eb.fn.count<number>('id').as('n'))
      .groupBy(['provider', 'day'])
      .orderBy('n')
      .executeTakeFirstOrThrow();
    expect(Number(small.n)).toBeLessThan(5);
    const res = await t.app.request(
      `/api/reports/comments?${S}&provider=${small.provider}&from=${small.day}&to=${small.day}&score=1&lang=ru`,
      { headers: { cookie: admin } },
    );
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ suppressed: true, comments: [] });
  });
});
