/** The citizen API exactly as shared/API.md describes it, on a real database. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signContext } from '../../server/links/context.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { tableColumns } from '../helpers/database.js';
import { histogramBlocks } from '../helpers/rollup-snapshot.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const url = '/api/public/surveys/quick-feedback/responses';
const rows = (id: string) =>
  t.booted.deps.db.selectFrom('response').selectAll().where('id', '=', id).execute();

describe('GET /api/public/surveys/:slug', () => {
  it('returns the survey with its version, title, languages and JSON', async () => {
    const res = await t.app.request('/api/public/surveys/quick-feedback');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.slug).toBe('quick-feedback');
    expect(body.version).toBe(1);
    expect(body.languages).toEqual(['uz', 'uz-Cyrl', 'ru', 'en']);
    expect(body.title).toHaveProperty('ru');
    expect(body.json.pages ?? body.json.elements).toBeTruthy();
    expect(body).not.toHaveProperty('context');
  });

  it('answers 404 NotFound for a path that climbs out of the survey list', async () => {
    const res = await t.app.request('/api/public/surveys/%2e%2e');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NotFound');
  });

  it.each(['no-such-survey', '..%2F..%2Fetc', 'a'.repeat(300), 'UPPER', 'a%00b'])(
    'answers 404 SurveyNotFound for %s',
    async (slug) => {
      const res = await t.app.request(`/api/public/surveys/${slug}`);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('SurveyNotFound');
    },
  );

  it('tells what a signed context link fixes and refuses a forged one', async () => {
    const c = signContext(t.booted.deps.secret, 'social-services', {
      provider: 'P-SA-01-1',
      channel: 'centre',
    });
    const res = await t.app.request(`/api/public/surveys/social-services?c=${c}`);
    expect(res.status).toBe(200);
    expect((await res.json()).context).toEqual({
      provider: 'P-SA-01-1',
      district: 'UZ-SA-01',
      region: 'UZ-SA',
      channel: 'centre',
    });
    const forged = signContext('another-secret-another-secret-another', 'social-services', {
      provider: 'P-SA-01-1',
    });
    const bad = await t.app.request(`/api/public/surveys/social-services?c=${forged}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('InvalidContext');
  });
});

describe('POST /api/public/surveys/:slug/responses', () => {
  it('stores a valid response and acknowledges it with 201 after commit', async () => {
    const id = randomUUID();
    const res = await postJson(t.app, url, {
      id,
      answers: { satisfaction: 4, comment: 'Tez xizmat' },
      lang: 'uz',
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).toBe(id);
    expect(body.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);
    const stored = await rows(id);
    expect(stored).toHaveLength(1);
    expect(JSON.parse(String(stored[0]!.answers))).toEqual({
      satisfaction: 4,
      comment: 'Tez xizmat',
    });
    expect(stored[0]!.lang).toBe('uz');
    expect(stored[0]!.submitted_at).toBe(body.receivedAt);
  });

  it('takes "not listed" for the provider: the district and region are kept, no provider', async () => {
    const survey = (await (await t.app.request('/api/public/surveys/social-services')).json()) as {
      json: { pages: { elements: { name: string; rows?: { value: string }[] }[] }[] };
    };
    const grid = survey.json.pages.flatMap((p) => p.elements).find((e) => e.name === 'drivers');
    const id = randomUUID();
    const res = await postJson(t.app, '/api/public/surveys/social-services/responses', {
      id,
      answers: {
        satisfaction: 3,
        drivers: Object.fromEntries((grid?.rows ?? []).map((r) => [r.value, 4])),
        region: 'UZ-SA',
        district: 'UZ-SA-01',
        provider: 'none',
      },
      lang: 'ru',
    });
    expect(res.status).toBe(201);
    const [row] = await rows(id);
    expect(row).toMatchObject({ region: 'UZ-SA', district: 'UZ-SA-01', provider: null });
    expect(JSON.parse(String(row!.answers))).toMatchObject({ provider: 'none' });
  });

  it('keeps no address or user agent with a response', async () => {
    const columns = await tableColumns(t.booted.deps.db, 'response');
    expect(columns.filter((c) => /ip|addr|agent|cookie|token|session/i.test(c))).toEqual([]);
  });

  it('is idempotent: the same id and content answers 200 with the same receipt', async () => {
    const id = randomUUID();
    const answers = { satisfaction: 2 };
    const first = await postJson(t.app, url, { id, answers });
    const again = await postJson(t.app, url, { id, answers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(await rows(id)).toHaveLength(1);
  });

  it('refuses the same id with other content: 409 DuplicateId, the first response kept', async () => {
    const id = randomUUID();
    await postJson(t.app, url, { id, answers: { satisfaction: 5 } });
    const other = await postJson(t.app, url, { id, answers: { satisfaction: 1 } });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('DuplicateId');
    expect(JSON.parse(String((await rows(id))[0]!.answers))).toEqual({ satisfaction: 5 });
  });

  it('stores concurrent duplicates once', async () => {
    const id = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => postJson(t.app, url, { id, answers: { satisfaction: 3 } })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(24);
    expect(await rows(id)).toHaveLength(1);
  });

  it('counts the response in the rollups in the same transaction', async () => {
    // The cells' rows and their parts not added to them yet.
    const count = async () =>
      (await histogramBlocks(t.booted.deps.db, 'satisfaction'))
        .filter((h) => h.cuboid === 'area-month' && h.base === 0)
        .reduce((sum, h) => sum + h.counts[1]!, 0);
    const before = await count();
    await postJson(t.app, url, { id: randomUUID(), answers: { satisfaction: 1 } });
    expect(await count()).toBe(before + 1);
  });

  it.each([
    ['an out-of-range rating', { satisfaction: 7 }, 'satisfaction'],
    ['a rating of the wrong type', { satisfaction: 'five' }, 'satisfaction'],
    ['a missing required answer', { comment: 'hello' }, 'satisfaction'],
    ['an unknown question', { satisfaction: 4, favourite_colour: 'blue' }, 'favourite_colour'],
    ['an over-long comment', { satisfaction: 4, comment: 'x'.repeat(5000) }, 'comment'],
  ])('refuses %s with 422 InvalidAnswers naming the field', async (_what, answers, field) => {
    const id = randomUUID();
    const res = await postJson(t.app, url, { id, answers });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('InvalidAnswers');
    expect(body.error.fields.map((f: { name: string }) => f.name)).toContain(field);
    expect(await rows(id)).toHaveLength(0);
  });

  it('answers 415 when the body is not declared as JSON', async () => {
    const res = await t.app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ id: randomUUID(), answers: { satisfaction: 4 } }),
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('UnsupportedMediaType');
  });

  it('answers 400 for malformed JSON and for a malformed envelope', async () => {
    const malformed = await postJson(t.app, url, '{"id": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('BadRequest');
    const notUuid = await postJson(t.app, url, { id: 'not-a-uuid', answers: { satisfaction: 4 } });
    expect(notUuid.status).toBe(400);
    const body = await notUuid.json();
    expect(body.error.code).toBe('InvalidBody');
    expect(body.error.fields[0].name).toBe('id');
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const res = await postJson(t.app, url, {
      id: randomUUID(),
      answers: { comment: 'x'.repeat(70_000) },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PayloadTooLarge');
  });

  it('answers 404 for an unknown survey and 410 for a closed one', async () => {
    const unknown = await postJson(t.app, '/api/public/surveys/nope/responses', {
      id: randomUUID(),
      answers: {},
    });
    expect(unknown.status).toBe(404);
    await t.booted.deps.db
      .updateTable('survey')
      .set({ status: 'closed' })
      .where('slug', '=', 'quick-feedback')
      .execute();
    t.booted.deps.catalog.invalidateSurveys();
    try {
      const closed = await postJson(t.app, url, { id: randomUUID(), answers: { satisfaction: 4 } });
      expect(closed.status).toBe(410);
      expect((await closed.json()).error.code).toBe('SurveyClosed');
    } finally {
      await t.booted.deps.db
        .updateTable('survey')
        .set({ status: 'open' })
        .where('slug', '=', 'quick-feedback')
        .execute();
      t.booted.deps.catalog.invalidateSurveys();
    }
  });

  it('stores what a context link fixes and does not ask it', async () => {
    const c = signContext(t.booted.deps.secret, 'social-services', {
      provider: 'P-BU-02-2',
      channel: 'mahalla',
    });
    const id = randomUUID();
    const res = await postJson(t.app, '/api/public/surveys/social-services/responses', {
      id,
      c,
      lang: 'ru',
      answers: socialServicesAnswers(),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const row = (await rows(id))[0]!;
    expect(row).toMatchObject({
      region: 'UZ-BU',
      district: 'UZ-BU-02',
      provider: 'P-BU-02-2',
      sector: 'private',
      channel: 'mahalla',
      lang: 'ru',
    });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const limited = await testApp({ OVOZ_RATE_LIMIT: '2' });
    try {
      const send = () =>
        postJson(limited.app, url, { id: randomUUID(), answers: { satisfaction: 4 } });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      const third = await send();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await third.json()).error.code).toBe('TooManyRequests');
    } finally {
      await limited.close();
    }
  });
});

describe('GET /healthz', () => {
  it('answers ok while the database answers', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

/** A complete, valid answer set for social-services when the link fixes the context. */
export function socialServicesAnswers(): Record<string, unknown> {
  return {
    satisfaction: 4,
    drivers: {
      timeliness: 3,
      ease: 4,
      information: 4,
      courtesy: 5,
      fairness: 5,
      accessibility: 'na',
      outcome: 4,
    },
    trust: 4,
    paid: 'none',
    delivery_days: 12,
  };
}

describe('the questionnaire on a phone', () => {
  it('is sent compressed with an ETag, and a repeat visit costs a 304', async () => {
    const first = await t.app.request('/api/public/surveys/social-services', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('br');
    const etag = first.headers.get('etag')!;
    const compressed = new Uint8Array(await first.arrayBuffer());
    const { brotliDecompressSync } = await import('node:zlib');
    const body = JSON.parse(brotliDecompressSync(compressed).toString('utf8'));
    expect(body.slug).toBe('social-services');
    expect(compressed.byteLength).toBeLessThan(JSON.stringify(body).length / 3);

    const again = await t.app.request('/api/public/surveys/social-services', {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const plain = await t.app.request('/api/public/surveys/social-services');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await plain.json()).slug).toBe('social-services');
  });
});
