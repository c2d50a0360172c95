/**
 * Exact reports keep their rollup reads while the database is unchanged (server/reports/
 * read-cache.ts), and never show counts older than the request: a response accepted by this
 * server, and a change committed by another connection, both show in the next report.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';
import { withDb } from '../helpers/database.js';
import { signIn } from '../helpers/session.js';
import { DRIVERS, submitOn, type Submission } from '../helpers/submissions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let admin: string;
let provider: string;

const satisfied = (n: number): Submission[] =>
  Array.from({ length: n }, () => ({
    link: { provider },
    answers: { satisfaction: 5, drivers: Object.fromEntries(DRIVERS.map((d) => [d, 4])) },
  }));

async function overallN(report = 'satisfaction'): Promise<number> {
  const res = await t.app.request(
    `/api/reports/${report}?survey=social-services&groupBy=region&exact=1`,
    { headers: { cookie: admin } },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as Json).overall.n as number;
}

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  provider = (await t.booted.deps.registry.snapshot()).providers[0]!.code;
  await submitOn(t, '2026-09-10', satisfied(7));
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('the reports’ read cache', () => {
  it('answers the same report the same while nothing changed', async () => {
    expect(await overallN()).toBe(7);
    expect(await overallN()).toBe(7);
  });

  it('shows a response accepted since in the next report', async () => {
    expect(await overallN()).toBe(7);
    await submitOn(t, '2026-09-11', satisfied(2));
    expect(await overallN()).toBe(9);
  });

  it('makes the bottlenecks again from the new counts after a response', async () => {
    const before = await overallN('bottlenecks');
    expect(await overallN('bottlenecks')).toBe(before);
    await submitOn(t, '2026-09-12', satisfied(1));
    expect(await overallN('bottlenecks')).toBe(before + 1);
  });

  it('shows a change committed by another connection in the next report', async () => {
    const before = await overallN();
    // Another connection (as another process would) adds one satisfied answer to every cell,
    // as a part beside its rows.
    await withDb(t.booted.deps.config.databaseUrl, (db) =>
      sql`insert into rollup_part (cell_id, drivers, counts, answers)
          select id, '', '', '[["satisfaction",0,5,1]]' from rollup_cell`.execute(db),
    );
    expect(await overallN()).toBeGreaterThan(before);
  });
});
