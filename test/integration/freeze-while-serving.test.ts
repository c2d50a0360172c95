/**
 * Freezing a closed month reads and sums its members outside any transaction, a page at a time,
 * and writes its blocks in one short transaction at the end: a citizen who submits while a month
 * of many thousand responses is being frozen is acknowledged before that month's blocks are
 * written, not after (on SQLite a transaction held for the whole month would hold every
 * submission back until it ends). The blocks written are the month's members, each counted once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freezeClosed } from '../../server/anonymity/freeze.js';
import { demoTestApp } from '../helpers/demo-app.js';
import { postJson, type TestApp } from '../helpers/app.js';
import { prng, randomSubmission, SURVEY } from '../helpers/submissions.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
let t: TestApp;

beforeAll(async () => {
  // Two closed months of about 10,000 responses each (and November, closed with none).
  t = await demoTestApp({ responses: 20_000, end: '2026-10-31', days: 61, validate: 50 }, NOW);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('freezing while citizens answer', () => {
  it('acknowledges a submission before the month being frozen is written', async () => {
    const { db, config } = t.booted.deps;
    const marks = () =>
      db
        .selectFrom('frozen_month')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    expect(Number((await marks()).n)).toBe(0);
    const freezing = freezeClosed({ db, config, now: () => NOW });
    const registry = await t.booted.deps.registry.snapshot();
    const sub = randomSubmission(prng(7), registry);
    const res = await postJson(t.app, `/api/public/surveys/${SURVEY}/responses`, {
      id: randomUUID(),
      answers: sub.answers,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    // Acknowledged while the first month was still being read: nothing frozen yet.
    expect(Number((await marks()).n)).toBe(0);
    const result = await freezing;
    expect(result.frozen.map((f) => f.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    // Every member counted once: the closed months' responses, each with one record key.
    const members = result.frozen.reduce((s, f) => s + f.responses, 0);
    const closed = await db
      .selectFrom('response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('day', '<=', '2026-10-31')
      .executeTakeFirstOrThrow();
    expect(members).toBe(Number(closed.n));
    const keys = await db
      .selectFrom('record_key')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(keys.n)).toBe(members);
  }, 180_000);
});
