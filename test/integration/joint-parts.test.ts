/**
 * Counts written as parts by live ingest (db/rollups/layout.ts, FOLD_AT): driver × driver counts,
 * and each cell's driver × satisfaction tables, answer counts and histograms. A cell's parts are
 * folded into its rows once they are many and when ingest is idle, and at every moment the rows
 * plus the parts count every response once — in the tables, in the reports, and as a rebuild from
 * the stored responses counts them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addJoint, eachJointInPart, FOLD_AT } from '../../db/rollups/layout.js';
import { signContext } from '../../server/links/context.js';
import { rebuildRollups } from '../../server/ingest/rebuild-rollups.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { histogramBlocks, rollupTables } from '../helpers/rollup-snapshot.js';
import { signIn } from '../helpers/session.js';
import { DRIVERS, prng, SURVEY } from '../helpers/submissions.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await testApp();
  cookie = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
});

const RESPONSES = 60;
const PAIRS = (DRIVERS.length * (DRIVERS.length - 1)) / 2;

/** Per joint cell of the provider's region and sector: the counts of its row and of its parts. */
async function jointOf(region: string, sector: string) {
  const { db } = t.booted.deps;
  const { rows } = await sql<{ cuboid: string; kind: string; text: string }>`
    select c.cuboid, 'row' as kind, j.counts as text from rollup_joint j
      join rollup_cell c on c.id = j.cell_id
      where c.region = ${region} and c.sector = ${sector} and c.cuboid like 'area-%'
    union all
    select c.cuboid, 'part' as kind, p.joint as text from rollup_part p
      join rollup_cell c on c.id = p.cell_id
      where c.region = ${region} and c.sector = ${sector} and c.cuboid like 'area-%'
        and p.joint <> ''`.execute(db);
  const cells = new Map<string, { row: number; parts: number; total: number }>();
  const total = (counts: string) =>
    [...addJoint(new Map(), counts).values()].reduce((a, b) => a + b, 0);
  for (const r of rows) {
    const cell = cells.get(r.cuboid) ?? { row: 0, parts: 0, total: 0 };
    if (r.kind === 'part') {
      cell.parts += 1;
      eachJointInPart(r.text, (_, counts) => (cell.total += total(counts)));
    } else {
      cell.row += total(r.text);
      cell.total += total(r.text);
    }
    cells.set(r.cuboid, cell);
  }
  return cells;
}

const partsLeft = async () =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from rollup_part`.execute(t.booted.deps.db))
      .rows[0]!.n,
  );

/** Per area cell of the region and sector: its driver parts, and its drivers' answers in all. */
async function driversOf(region: string, sector: string) {
  const { db } = t.booted.deps;
  const tables = await rollupTables(db);
  const { rows } = await sql<{ cuboid: string; n: number }>`
    select c.cuboid, count(*) as n from rollup_part p join rollup_cell c on c.id = p.cell_id
    where c.region = ${region} and c.sector = ${sector} and c.cuboid like 'area-%'
    group by c.cuboid`.execute(db);
  const parts = new Map(rows.map((r) => [r.cuboid, Number(r.n)]));
  const answered = new Map<string, number>();
  for (const line of tables.drivers) {
    const [cell, counts] = line.split('=') as [string, string];
    const [cuboid, , , r, , , sec] = cell.split('|');
    if (r !== region || sec !== sector || !cuboid!.startsWith('area-')) continue;
    const n = counts.split(',').reduce((a, b) => a + Number(b), 0);
    answered.set(cuboid!, (answered.get(cuboid!) ?? 0) + n);
  }
  return { parts, answered };
}

async function report(path: string): Promise<unknown> {
  const res = await t.app.request(`/api/reports/${path}`, { headers: { cookie } });
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Reports that read driver tables, answer counts and histograms, one variable or many. */
const reports = async () => ({
  bottlenecks: await report(`bottlenecks?survey=${SURVEY}&exact=1`),
  satisfaction: await report(`satisfaction?survey=${SURVEY}&groupBy=region&exact=1`),
  indicators: await report(`indicators?survey=${SURVEY}&exact=1`),
});

describe('counts written as parts', () => {
  it('folds a busy cell’s parts as it goes and the rest when idle, counting every response once', async () => {
    const registry = await t.booted.deps.registry.snapshot();
    const provider = registry.providers[0]!;
    const rand = prng(20261207);
    // One at a time: every submission is a batch of its own, and adds a part to each cell.
    for (let i = 0; i < RESPONSES; i++) {
      const satisfaction = 1 + Math.floor(rand() * 5);
      const drivers = Object.fromEntries(
        DRIVERS.map((d) => [
          d,
          Math.min(5, Math.max(1, Math.round(satisfaction + (rand() - 0.5) * 3))),
        ]),
      );
      const res = await postJson(t.app, `/api/public/surveys/${SURVEY}/responses`, {
        id: randomUUID(),
        answers: { satisfaction, drivers },
        c: signContext(t.booted.deps.secret, SURVEY, { provider: provider.code }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }

    // Every rated pair of every response, in each of the region's four area cells; a cell never
    // holds FOLD_AT parts or more after a batch, so most of its counts are in its row already.
    const live = await jointOf(provider.region, provider.sector);
    expect([...live.keys()].sort()).toEqual(['area-day', 'area-dekad', 'area-month', 'area-year']);
    for (const [cuboid, cell] of live) {
      expect(cell.total, cuboid).toBe(RESPONSES * PAIRS);
      expect(cell.parts, cuboid).toBeLessThan(FOLD_AT);
      expect(cell.row, cuboid).toBeGreaterThanOrEqual((RESPONSES - FOLD_AT + 1) * PAIRS);
    }
    // The driver × satisfaction tables likewise: every rated driver of every response, a part
    // per batch, folded into the rows once a cell has FOLD_AT.
    const drivers = await driversOf(provider.region, provider.sector);
    for (const cuboid of ['area-day', 'area-dekad', 'area-month', 'area-year']) {
      expect(drivers.answered.get(cuboid), cuboid).toBe(RESPONSES * DRIVERS.length);
      expect(drivers.parts.get(cuboid) ?? 0, cuboid).toBeLessThan(FOLD_AT);
    }
    // The satisfaction answers: in the cells' parts, or already in their rows.
    const satisfaction = (await histogramBlocks(t.booted.deps.db, 'satisfaction')).filter((h) =>
      h.cuboid.startsWith('area-'),
    );
    for (const cuboid of ['area-day', 'area-dekad', 'area-month', 'area-year']) {
      const n = satisfaction
        .filter((h) => h.cuboid === cuboid)
        .reduce((sum, h) => sum + h.counts.reduce((a, b) => a + b, 0), 0);
      expect(n, cuboid).toBe(RESPONSES);
    }
    // Some of them still in parts, so the reports below read parts.
    const answerParts = await sql<{ n: number }>`
      select count(*) as n from rollup_part where answers <> ''`.execute(t.booted.deps.db);
    expect(Number(answerParts.rows[0]!.n)).toBeGreaterThan(0);
    const withParts = await reports();
    expect((withParts.satisfaction as { overall: { n: number } }).overall.n).toBe(RESPONSES);
    const tablesWithParts = await rollupTables(t.booted.deps.db);

    // Idle: the writer folds what is left (a second after the last submission).
    const deadline = Date.now() + 60_000;
    while ((await partsLeft()) > 0) {
      expect(Date.now(), 'parts still unfolded a minute after ingest went idle').toBeLessThan(
        deadline,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const [cuboid, cell] of await jointOf(provider.region, provider.sector)) {
      expect(cell, cuboid).toEqual({ row: RESPONSES * PAIRS, parts: 0, total: RESPONSES * PAIRS });
    }
    expect(await rollupTables(t.booted.deps.db)).toEqual(tablesWithParts);
    expect(await reports()).toEqual(withParts);

    // A rebuild from the stored responses counts the same.
    await rebuildRollups(t.booted.storage, { chunkSize: 17 });
    expect(await rollupTables(t.booted.deps.db)).toEqual(tablesWithParts);
    expect(await reports()).toEqual(withParts);
  }, 120_000);
});
