/** Waves with per-region quotas: the admin API, and enforcement on the citizen's POST. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/links/tokens.js';
import { stamp } from '../../server/ingest/time.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { auditEntries, call, errorOf, signIn, userSession } from '../helpers/session.js';

let t: TestApp;
let admin: string;
let sociologist: string;
let manager: string;

const SLUG = 'quota-pilot';
const texts = (en: string) => ({ uz: en, ru: en, en });
const SURVEY = {
  title: texts('Quota pilot'),
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'dropdown', name: 'region', role: 'context:region', title: texts('Region') },
        {
          type: 'rating',
          name: 'satisfaction',
          role: 'satisfaction',
          title: texts('How satisfied are you?'),
          rateMin: 1,
          rateMax: 5,
          isRequired: true,
        },
      ],
    },
  ],
};

interface Wave {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  quotas: Record<string, number>;
  used: Record<string, number>;
}

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let today: string;
let wave1: Wave;

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  sociologist = await userSession(t.app, admin, 'sofia', 'sociologist');
  manager = await userSession(t.app, admin, 'mansur', 'manager', ['UZ-SA']);
  today = stamp(new Date(), t.booted.deps.config.utcOffsetMinutes).day;
  expect(
    (await call(t.app, 'POST', '/api/admin/surveys', sociologist, { slug: SLUG, json: SURVEY }))
      .status,
  ).toBe(201);
  expect((await call(t.app, 'POST', `/api/admin/surveys/${SLUG}/open`, sociologist)).status).toBe(
    200,
  );
});
afterAll(async () => {
  await t.close();
});

const waves = `/api/admin/surveys/${SLUG}/waves`;
const submit = (answers: object, extra: object = {}, id = randomUUID()) =>
  postJson(t.app, `/api/public/surveys/${SLUG}/responses`, { id, answers, ...extra });
/** Stored responses of the survey from `region`. */
const stored = async (region: string) =>
  (
    await t.booted.deps.db
      .selectFrom('response as r')
      .innerJoin('survey as s', 's.id', 'r.survey_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.slug', '=', SLUG)
      .where('r.region', '=', region)
      .executeTakeFirstOrThrow()
  ).n;
const listWaves = async () =>
  ((await (await call(t.app, 'GET', waves, sociologist)).json()) as { waves: Wave[] }).waves;

describe('waves', () => {
  it('creates a wave with regional quotas: 201, listed, audited', async () => {
    const res = await call(t.app, 'POST', waves, sociologist, {
      name: 'Wave 1',
      startsOn: shift(today, -1),
      endsOn: shift(today, 1),
      quotas: { 'UZ-SA': 2, 'UZ-TO': 5 },
    });
    expect(res.status).toBe(201);
    wave1 = ((await res.json()) as { wave: Wave }).wave;
    expect(wave1).toEqual({
      id: expect.any(Number),
      name: 'Wave 1',
      startsOn: shift(today, -1),
      endsOn: shift(today, 1),
      quotas: { 'UZ-SA': 2, 'UZ-TO': 5 },
      used: { 'UZ-SA': 0, 'UZ-TO': 0 },
    });
    // A wave in the past does not limit today's answers, even with a quota of 0.
    const old = await call(t.app, 'POST', waves, sociologist, {
      name: 'Spring 2020',
      startsOn: '2020-03-01',
      endsOn: '2020-05-31',
      quotas: { 'UZ-TO': 0 },
    });
    expect(old.status).toBe(201);
    expect((await listWaves()).map((w) => w.name)).toEqual(['Spring 2020', 'Wave 1']);
    const entry = (await auditEntries(t.app, admin)).find((e) => e.action === 'wave.create');
    expect(entry).toMatchObject({ username: 'sofia', target: SLUG });
  });

  it('refuses bad waves', async () => {
    const backwards = await call(t.app, 'POST', waves, sociologist, {
      name: 'Backwards',
      startsOn: '2026-02-01',
      endsOn: '2026-01-01',
    });
    expect(backwards.status).toBe(400);
    expect((await errorOf(backwards)).fields![0]!.name).toBe('endsOn');

    const unknown = await call(t.app, 'POST', waves, sociologist, {
      name: 'Unknown region',
      startsOn: today,
      endsOn: today,
      quotas: { 'UZ-ZZ': 10 },
    });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).fields).toEqual([
      { name: 'quotas.UZ-ZZ', message: 'no such region in the registry' },
    ]);

    const taken = await call(t.app, 'POST', waves, sociologist, {
      name: 'Wave 1',
      startsOn: today,
      endsOn: today,
    });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).code).toBe('WaveNameTaken');

    const missing = await call(t.app, 'PUT', `${waves}/99999`, sociologist, {
      name: 'X',
      startsOn: today,
      endsOn: today,
    });
    expect(missing.status).toBe(404);
    const otherSurvey = await call(
      t.app,
      'PUT',
      `/api/admin/surveys/social-services/waves/${wave1.id}`,
      sociologist,
      { name: 'X', startsOn: today, endsOn: today },
    );
    expect(otherSurvey.status).toBe(404);
  });
});

describe('quota enforcement on the citizen POST', () => {
  const acceptedId = randomUUID();

  it('accepts up to the quota, then 410 QuotaReached with nothing stored', async () => {
    expect((await submit({ region: 'UZ-SA', satisfaction: 5 }, {}, acceptedId)).status).toBe(201);
    expect((await submit({ region: 'UZ-SA', satisfaction: 4 })).status).toBe(201);
    const refusedId = randomUUID();
    const refused = await submit({ region: 'UZ-SA', satisfaction: 3 }, {}, refusedId);
    expect(refused.status).toBe(410);
    expect((await errorOf(refused)).code).toBe('QuotaReached');
    await t.booted.deps.writer.drain();
    expect(await stored('UZ-SA')).toBe(2);
    expect(
      await t.booted.deps.db
        .selectFrom('response')
        .select('id')
        .where('id', '=', refusedId)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('a retry of an accepted response is still 200 and uses no quota', async () => {
    const retry = await submit({ region: 'UZ-SA', satisfaction: 5 }, {}, acceptedId);
    expect(retry.status).toBe(200);
  });

  it('other regions, and responses without a region, are still accepted', async () => {
    expect((await submit({ region: 'UZ-TO', satisfaction: 2 })).status).toBe(201);
    expect((await submit({ region: 'UZ-AN', satisfaction: 2 })).status).toBe(201);
    expect((await submit({ satisfaction: 1 })).status).toBe(201);
    const [, w] = await listWaves();
    expect(w!.used).toEqual({ 'UZ-SA': 2, 'UZ-TO': 1 });
  });

  it('overlapping waves: every wave covering the day must have room', async () => {
    const res = await call(t.app, 'POST', waves, sociologist, {
      name: 'Overlap',
      startsOn: today,
      endsOn: today,
      quotas: { 'UZ-TO': 1 },
    });
    expect(res.status).toBe(201);
    expect((await submit({ region: 'UZ-TO', satisfaction: 4 })).status).toBe(201);
    const refused = await submit({ region: 'UZ-TO', satisfaction: 4 });
    expect(refused.status).toBe(410);
    const byName = Object.fromEntries((await listWaves()).map((w) => [w.name, w.used]));
    // The refusal left the wave that still had room unchanged.
    expect(byName['Wave 1']).toEqual({ 'UZ-SA': 2, 'UZ-TO': 2 });
    expect(byName.Overlap).toEqual({ 'UZ-TO': 1 });
  });

  it('a one-time link refused for the quota is not used up; raising the quota lets it answer', async () => {
    const issued = await postJson(
      t.app,
      '/api/admin/service-events',
      { survey: SLUG, provider: 'P-SA-01-1' },
      { cookie: admin },
    );
    expect(issued.status).toBe(201);
    const token = ((await issued.json()) as { links: { token: string }[] }).links[0]!.token;
    const used = async () =>
      (
        await t.booted.deps.db
          .selectFrom('service_token')
          .select('used')
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirstOrThrow()
      ).used;

    const refused = await submit({ satisfaction: 5 }, { t: token });
    expect(refused.status).toBe(410);
    expect((await errorOf(refused)).code).toBe('QuotaReached');
    expect(await used()).toBeNull();

    const put = await call(t.app, 'PUT', `${waves}/${wave1.id}`, sociologist, {
      name: 'Wave 1',
      startsOn: wave1.startsOn,
      endsOn: wave1.endsOn,
      quotas: { 'UZ-SA': 3, 'UZ-TO': 5 },
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { wave: Wave }).wave).toMatchObject({
      quotas: { 'UZ-SA': 3, 'UZ-TO': 5 },
      used: { 'UZ-SA': 2, 'UZ-TO': 2 },
    });

    expect((await submit({ satisfaction: 5 }, { t: token })).status).toBe(201);
    expect(await used()).toBe(1);

    // Used token: 409 TokenUsed, and the quota is not touched.
    await call(t.app, 'PUT', `${waves}/${wave1.id}`, sociologist, {
      name: 'Wave 1',
      startsOn: wave1.startsOn,
      endsOn: wave1.endsOn,
      quotas: { 'UZ-SA': 10, 'UZ-TO': 5 },
    });
    const again = await submit({ satisfaction: 5 }, { t: token });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('TokenUsed');
    const w = (await listWaves()).find((x) => x.name === 'Wave 1')!;
    expect(w.used['UZ-SA']).toBe(3);
    await t.booted.deps.writer.drain();
    expect(await stored('UZ-SA')).toBe(3);
  });

  it('PUT replaces the quotas: a region left out is no longer limited; audited', async () => {
    const put = await call(t.app, 'PUT', `${waves}/${wave1.id}`, admin, {
      name: 'Wave 1 (extended)',
      startsOn: wave1.startsOn,
      endsOn: shift(today, 7),
      quotas: { 'UZ-SA': 3 },
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { wave: Wave }).wave).toMatchObject({
      name: 'Wave 1 (extended)',
      endsOn: shift(today, 7),
      quotas: { 'UZ-SA': 3 },
      used: { 'UZ-SA': 3 },
    });
    expect((await submit({ region: 'UZ-SA', satisfaction: 5 })).status).toBe(410);
    const entry = (await auditEntries(t.app, admin)).find((e) => e.action === 'wave.update');
    expect(entry).toMatchObject({ username: 'admin', target: SLUG });
  });
});

describe('concurrent submissions', () => {
  it('of 12 answers at once for the last 3 places, exactly 3 are stored', async () => {
    const res = await call(t.app, 'POST', waves, sociologist, {
      name: 'Rush',
      startsOn: today,
      endsOn: today,
      quotas: { 'UZ-BU': 3 },
    });
    expect(res.status).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => submit({ region: 'UZ-BU', satisfaction: 4 })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(3).fill(201), ...Array(9).fill(410)]);
    await t.booted.deps.writer.drain();
    expect(await stored('UZ-BU')).toBe(3);
    expect((await listWaves()).find((w) => w.name === 'Rush')!.used).toEqual({ 'UZ-BU': 3 });
  });
});

describe('roles', () => {
  it('a manager gets 403 on every wave route; no session gets 401', async () => {
    const body = { name: 'M', startsOn: '2026-01-01', endsOn: '2026-01-02' };
    for (const [method, url, b] of [
      ['GET', waves, undefined],
      ['POST', waves, body],
      ['PUT', `${waves}/${wave1.id}`, body],
    ] as const) {
      expect((await call(t.app, method, url, manager, b)).status, `${method} ${url}`).toBe(403);
      expect((await call(t.app, method, url, 'ovoz_session=x', b)).status).toBe(401);
    }
  });
});
