/**
 * The wide rollup layout (db/rollup-layout.ts, migration 2026-11-22-07) and the yearly and ten-day
 * cuboids (2026-11-22-08): a database written before them — driver pairs one row per value pair,
 * whole-number answers one row per value, no yearly or ten-day cells — gives the same reports once
 * migrated (driver tables converted, the new cells added up from the monthly and daily ones, older
 * answer counts read beside the histograms), and `rollups rebuild` then stores exactly what live
 * ingest stores now.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramSlot } from '../../db/rollups/layout.js';
import { migrations } from '../../db/migrations/index.js';
import { rebuildRollups } from '../../server/ingest/rebuild-rollups.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { rollupTables } from '../helpers/rollup-snapshot.js';
import { call, signIn } from '../helpers/session.js';
import { prng, randomSubmission, submitOn } from '../helpers/submissions.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
});

const REPORTS = [
  'indicators?survey=social-services&groupBy=region',
  'indicators?survey=social-services&groupBy=sector,channel&from=2026-10-02&to=2026-11-01',
  'bottlenecks?survey=social-services&groupBy=region',
  'bottlenecks?survey=social-services&from=2026-10-02&to=2026-10-20',
  'satisfaction?survey=social-services&groupBy=provider',
  'trend?survey=social-services&groupBy=month',
  // Whole dekads (10-11 … 11-10) and a year (open range) from the national cuboids.
  'indicators?survey=social-services&groupBy=region&from=2026-10-11&to=2026-11-10',
  'bottlenecks?survey=social-services&from=2026-09-30&to=2026-11-20',
  'satisfaction?survey=social-services&groupBy=sector',
];

/** The rollups' reports: exact figures (protected ones are read from frozen blocks instead). */
async function reports(): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (const q of REPORTS) {
    const res = await call(t.app, 'GET', `/api/reports/${q}&exact=1`, admin);
    expect(res.status, q).toBe(200);
    bodies.push(await res.json());
  }
  return bodies;
}

/** The count `n` a query gives (a number on every engine). */
const count = async (query: string) =>
  (await sql<{ n: number }>`${sql.raw(query)}`.execute(t.booted.deps.db)).rows[0]!.n;

describe('the wide rollup layout', () => {
  it('places whole numbers in blocks of 32 and keeps every other answer as text', () => {
    expect(histogramSlot('0')).toEqual({ base: 0, slot: 0 });
    expect(histogramSlot('31')).toEqual({ base: 0, slot: 31 });
    expect(histogramSlot('32')).toEqual({ base: 32, slot: 0 });
    expect(histogramSlot('365')).toEqual({ base: 352, slot: 13 });
    expect(histogramSlot('-1')).toEqual({ base: -32, slot: 31 });
    for (const text of ['007', '-0', '2.5', '1e3', '', 'none', ' 4', '9999999999999999'])
      expect(histogramSlot(text), text).toBeNull();
  });

  it('a database written before it reports the same once migrated, and rebuilds to the new form', async () => {
    const rand = prng(7);
    const registry = await t.booted.deps.registry.snapshot();
    for (const day of ['2026-09-30', '2026-10-01', '2026-10-11', '2026-10-31', '2026-11-02']) {
      await submitOn(
        t,
        day,
        Array.from({ length: 120 }, () => randomSubmission(rand, registry)),
      );
    }
    const current = await rollupTables(t.booted.deps.db);
    expect(current.drivers.length).toBeGreaterThan(100);
    // Delivery days up to 59: two blocks.
    expect(current.histograms.some((l) => /\|delivery_days\|32=/.test(l))).toBe(true);
    const before = await reports();

    // Back to the earlier layout: one row per driver value pair and per whole-number value.
    const migrator = new Migrator({
      db: t.booted.deps.db,
      provider: { getMigrations: async () => migrations },
    });
    // Before the yearly and ten-day cuboids (08) and the wide layout (07), and whatever came after.
    const down = await migrator.migrateTo('2026-11-22-06-wave-quotas');
    expect(down.error).toBeUndefined();
    const undone = down.results?.map((r) => r.migrationName) ?? [];
    expect(undone.slice(-2)).toEqual([
      '2026-11-22-08-year-dekad-rollups',
      '2026-11-22-07-wide-rollups',
    ]);
    expect(
      await count(
        `select count(*) as n from rollup_cell where cuboid in ('area-year', 'area-dekad')`,
      ),
    ).toBe(0);
    expect(await count(`select count(*) as n from rollup_pair`)).toBeGreaterThan(
      current.drivers.length,
    );
    expect(
      await count(`select count(*) as n from rollup_answer where variable = 'delivery_days'`),
    ).toBe(
      await count(
        `select count(*) as n from (select distinct cell_id, value from rollup_answer
         where variable = 'delivery_days') as pairs`,
      ),
    );

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    // Driver tables converted, yearly and ten-day cells added up from the monthly and daily ones;
    // the older whole-number counts stay where they were.
    expect(
      await count(`select count(*) as n from rollup_cell where cuboid = 'area-year'`),
    ).toBeGreaterThan(0);
    expect(
      await count(`select count(*) as n from rollup_cell where cuboid = 'area-dekad'`),
    ).toBeGreaterThan(0);
    expect((await rollupTables(t.booted.deps.db)).drivers).toEqual(current.drivers);
    expect(await count(`select count(*) as n from rollup_histogram`)).toBe(0);
    expect(
      await count(`select count(*) as n from rollup_answer where variable = 'satisfaction'`),
    ).toBeGreaterThan(0);
    expect(await reports()).toEqual(before);

    await rebuildRollups(t.booted.storage);
    expect(await rollupTables(t.booted.deps.db)).toEqual(current);
    expect(await reports()).toEqual(before);
  });
});
