/**
 * Where webhook events come from, in-process on a real database with a real receiver on loopback:
 * quota.reached from the response transaction that fills a wave's regional quota; wave.closed once
 * a wave's last day has passed, told once; bottleneck.detected for exactly the regions the
 * bottleneck report (protected figures) finds below the rest, told once; an endpoint on a private
 * address is refused without the admin setting.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/generate.js';
import { signContext } from '../../server/links/context.js';
import { deliverDue } from '../../server/webhooks/deliver.js';
import { fanOut } from '../../server/webhooks/events.js';
import { closedWaves, newBottlenecks } from '../../server/webhooks/notices.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { call, signIn } from '../helpers/session.js';
import { DRIVERS } from '../helpers/submissions.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const SECRET = 'whsec_events-test-secret-0123456789abcdef';
const SURVEY = 'social-services';
/** A valid social-services answer: every row of the drivers matrix is required. */
const ANSWERS = { satisfaction: 4, drivers: Object.fromEntries(DRIVERS.map((d) => [d, 3])) };
let t: TestApp;
let admin: string;
let receiver: Receiver;

const localDay = (offsetDays: number) =>
  new Date(Date.now() + 300 * 60_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Fans the outbox out and sends everything due, as the dispatcher's round does. */
async function dispatch() {
  const { db } = t.booted.deps;
  while ((await fanOut(db, Date.now(), t.booted.deps.secret)) > 0);
  const options = { allowPrivate: true, retryBaseMs: 60_000, now: Date.now };
  while ((await deliverDue(db, options)) > 0);
}

beforeAll(async () => {
  t = await testApp({ OVOZ_WEBHOOK_ALLOW_PRIVATE: '1' });
  admin = await signIn(t.app);
  receiver = await startReceiver(SECRET);
  const res = await call(t.app, 'POST', '/api/admin/webhooks', admin, {
    url: receiver.url,
    events: ['quota.reached', 'wave.closed', 'bottleneck.detected'],
    secret: SECRET,
  });
  expect(res.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

describe('webhook events', () => {
  it('tells quota.reached from the transaction of the response that filled the quota', async () => {
    const wave = await call(t.app, 'POST', `/api/admin/surveys/${SURVEY}/waves`, admin, {
      name: 'Current',
      startsOn: localDay(-1),
      endsOn: localDay(1),
      quotas: { 'UZ-SA': 2 },
    });
    expect(wave.status).toBe(201);
    const waveId = ((await wave.json()) as { wave: { id: number } }).wave.id;
    const c = signContext(t.booted.deps.secret, SURVEY, { region: 'UZ-SA' });
    for (let i = 0; i < 2; i++) {
      const res = await postJson(t.app, `/api/public/surveys/${SURVEY}/responses`, {
        id: randomUUID(),
        answers: ANSWERS,
        c,
      });
      expect(res.status).toBe(201);
    }
    const outbox = await t.booted.deps.db
      .selectFrom('webhook_outbox')
      .select(['event'])
      .where('event', '=', 'quota.reached')
      .execute();
    expect(outbox).toHaveLength(1);
    await dispatch();
    const told = receiver.received.filter((r) => r.event.type === 'quota.reached');
    expect(told.map((r) => r.event.data)).toEqual([
      { survey: SURVEY, wave: waveId, region: 'UZ-SA', quota: 2 },
    ]);
    expect(told.every((r) => r.validSignature)).toBe(true);
  });

  it('tells wave.closed once after the last day of a wave', async () => {
    const res = await call(t.app, 'POST', `/api/admin/surveys/${SURVEY}/waves`, admin, {
      name: 'Last week',
      startsOn: localDay(-8),
      endsOn: localDay(-2),
      quotas: { 'UZ-TO': 10 },
    });
    expect(res.status).toBe(201);
    expect(await closedWaves(t.booted.deps, Date.now())).toBe(1);
    expect(await closedWaves(t.booted.deps, Date.now())).toBe(0);
    await dispatch();
    const told = receiver.received.filter((r) => r.event.type === 'wave.closed');
    expect(told).toHaveLength(1);
    expect(told[0]!.event.data).toMatchObject({
      survey: SURVEY,
      name: 'Last week',
      endsOn: localDay(-2),
      quotas: [{ region: 'UZ-TO', quota: 10, used: 0 }],
    });
  });

  it('tells bottleneck.detected for the regions the protected report finds below the rest, once', async () => {
    const { storage, config } = t.booted.deps;
    const end = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0));
    await loadDemo(
      { storage, utcOffsetMinutes: config.utcOffsetMinutes },
      { responses: 4000, end: end.toISOString().slice(0, 10), days: 120, validate: 50 },
    );
    const told = await newBottlenecks(t.booted.deps, Date.now());
    expect(await newBottlenecks(t.booted.deps, Date.now())).toBe(0);
    const report = await call(t.app, 'GET', `/api/reports/bottlenecks?survey=${SURVEY}`, admin);
    expect(report.status).toBe(200);
    const body = (await report.json()) as {
      figures: string;
      systemic: { groups: Array<{ group: { region: string } }> };
    };
    expect(body.figures).toBe('perturbed');
    const below = body.systemic.groups.map((g) => g.group.region).sort();
    expect(told).toBe(below.length);
    await dispatch();
    const events = receiver.received.filter((r) => r.event.type === 'bottleneck.detected');
    expect(events.map((r) => (r.event.data.group as { region: string }).region).sort()).toEqual(
      below,
    );
  }, 300_000);

  it('refuses an endpoint on a private address without the admin setting', async () => {
    const strict = await testApp();
    try {
      const cookie = await signIn(strict.app);
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://169.254.169.254/',
        'http://localhost/',
      ]) {
        const res = await call(strict.app, 'POST', '/api/admin/webhooks', cookie, {
          url,
          events: ['response.created'],
        });
        expect(res.status, url).toBe(400);
      }
      const ok = await call(strict.app, 'POST', '/api/admin/webhooks', cookie, {
        url: 'https://hooks.example.org/ovoz',
        events: ['response.created'],
      });
      expect(ok.status).toBe(201);
      expect(((await ok.json()) as { secret: string }).secret).toMatch(/^whsec_/);
    } finally {
      await strict.close();
    }
  });
});
