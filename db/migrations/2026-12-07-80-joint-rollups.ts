/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * The driver × driver tables of a rollup cell (the relative weights of the drivers) in one row
 * of `rollup_joint` instead of one `rollup_driver` row per pair of drivers, so a response adds
 * one row per cell for them instead of one per pair (db/rollups/layout.ts explains the layout):
 * - `drivers`: the driver variables in name order, joined by `&`;
 * - `counts`: `offset:count` for every nonzero count, comma-separated, where the pairs (i < j)
 *   follow one another, 25 counts each: offset = pair × 25 + (value i − 1) × 5 + (value j − 1).
 * The pair rows already counted (`rollup_driver` rows named `a&b`) are moved here, each cell's
 * with the drivers they name; those of the segment cuboid, which no report reads them from, are
 * dropped.
 */
import type { Kysely } from 'kysely';
import { withoutRowid } from './portable.js';

const CHUNK = 2000;
const PAIR_COLUMNS = [1, 2, 3, 4, 5].flatMap((v) =>
  [1, 2, 3, 4, 5].map((o) => ({ v, o, column: `d${v}s${o}` })),
);
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_joint')
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('drivers', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_joint_pk', ['cell_id', 'drivers'])
    .$call(withoutRowid(db))
    .execute();

  const segmentCells = db
    .selectFrom('rollup_cell')
    .select('id')
    .where('cuboid', '=', 'segment-month');
  await db
    .deleteFrom('rollup_driver')
    .where('driver', 'like', '%&%')
    .where('cell_id', 'in', segmentCells)
    .execute();

  let after = -1;
  for (;;) {
    const cells = await db
      .selectFrom('rollup_driver')
      .select('cell_id')
      .distinct()
      .where('driver', 'like', '%&%')
      .where('cell_id', '>', after)
      .orderBy('cell_id')
      .limit(CHUNK)
      .execute();
    if (!cells.length) break;
    const ids = cells.map((c) => Number(c.cell_id));
    const last = ids[ids.length - 1]!;
    const rows = await db
      .selectFrom('rollup_driver')
      .selectAll()
      .where('driver', 'like', '%&%')
      .where('cell_id', '>', after)
      .where('cell_id', '<=', last)
      .execute();
    const byCell = new Map<number, Array<Record<string, unknown>>>();
    for (const r of rows) {
      const id = Number(r.cell_id);
      const list = byCell.get(id) ?? [];
      list.push(r);
      byCell.set(id, list);
    }
    const packed = [...byCell].map(([cellId, pairs]) => {
      const names = [
        ...new Set(pairs.flatMap((p) => String(p.driver).split('&') as [string, string])),
      ].sort(byName);
      const at = new Map(names.map((n, i) => [n, i]));
      const k = names.length;
      const counts: Array<[number, number]> = [];
      for (const p of pairs) {
        const [a, b] = String(p.driver).split('&') as [string, string];
        const i = at.get(a)!;
        const j = at.get(b)!;
        const pair = (i * (2 * k - i - 1)) / 2 + (j - i - 1);
        for (const { v, o, column } of PAIR_COLUMNS) {
          const n = Number(p[column]);
          if (n !== 0) counts.push([pair * 25 + (v - 1) * 5 + (o - 1), n]);
        }
      }
      counts.sort((x, y) => x[0] - y[0]);
      return {
        cell_id: cellId,
        drivers: names.join('&'),
        counts: counts.map(([offset, n]) => `${offset}:${n}`).join(','),
      };
    });
    for (let i = 0; i < packed.length; i += 500) {
      await db
        .insertInto('rollup_joint')
        .values(packed.slice(i, i + 500))
        .execute();
    }
    await db
      .deleteFrom('rollup_driver')
      .where('driver', 'like', '%&%')
      .where('cell_id', '>', after)
      .where('cell_id', '<=', last)
      .execute();
    after = last;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('rollup_joint').selectAll().execute();
  const tables: Array<Record<string, unknown>> = [];
  for (const r of rows) {
    const names = String(r.drivers).split('&');
    const pairs: string[] = [];
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) pairs.push(`${names[i]}&${names[j]}`);
    const byPair = new Map<string, Record<string, unknown>>();
    for (const item of String(r.counts) === '' ? [] : String(r.counts).split(',')) {
      const [offset, n] = item.split(':').map(Number) as [number, number];
      const driver = pairs[Math.floor(offset / 25)]!;
      let table = byPair.get(driver);
      if (!table) {
        table = { cell_id: r.cell_id, driver };
        for (const { column } of PAIR_COLUMNS) table[column] = 0;
        byPair.set(driver, table);
        tables.push(table);
      }
      const cell = offset % 25;
      table[`d${Math.floor(cell / 5) + 1}s${(cell % 5) + 1}`] = n;
    }
  }
  for (let i = 0; i < tables.length; i += 500) {
    await db
      .insertInto('rollup_driver')
      .values(tables.slice(i, i + 500))
      .execute();
  }
  await db.schema.dropTable('rollup_joint').execute();
}
