/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * What live batches add to a cell's driver × satisfaction tables, as one part per cell and batch
 * beside its `rollup_driver` rows instead of an upsert of each driver's row (several statements
 * each): a cell's tables are its rows plus its parts. `drivers`: the drivers the part counts, in
 * name order, joined by `&`; `counts`: `offset:count` for every nonzero count, offset = the
 * driver's place in `drivers` × 30 + its column (value − 1) × 6 + satisfaction (0–5). The writer
 * adds a cell's parts to its rows once they are many, and when ingest is idle.
 */
import type { Kysely } from 'kysely';
import { rowId } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_driver_part')
    .addColumn('id', 'integer', rowId(db))
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('drivers', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_driver_part_cell')
    .on('rollup_driver_part')
    .column('cell_id')
    .execute();
}

const COLUMNS = [1, 2, 3, 4, 5].flatMap((v) => [0, 1, 2, 3, 4, 5].map((o) => `d${v}s${o}`));

export async function down(db: Kysely<any>): Promise<void> {
  // Add every part to its rows before the parts' table goes (the counts must stay).
  const parts = await db
    .selectFrom('rollup_driver_part')
    .select(['cell_id', 'drivers', 'counts'])
    .execute();
  const sums = new Map<string, { cell_id: number; driver: string; counts: number[] }>();
  for (const p of parts) {
    const names = String(p.drivers).split('&');
    if (p.counts === '') continue;
    for (const item of String(p.counts).split(',')) {
      const [offset, n] = item.split(':').map(Number) as [number, number];
      const driver = names[Math.floor(offset / 30)]!;
      const key = `${p.cell_id}\u0001${driver}`;
      let s = sums.get(key);
      if (!s)
        sums.set(key, (s = { cell_id: Number(p.cell_id), driver, counts: COLUMNS.map(() => 0) }));
      s.counts[offset % 30]! += n;
    }
  }
  for (const s of sums.values()) {
    const values = Object.fromEntries(COLUMNS.map((c, i) => [c, s.counts[i]]));
    const row = await db
      .selectFrom('rollup_driver')
      .selectAll()
      .where('cell_id', '=', s.cell_id)
      .where('driver', '=', s.driver)
      .executeTakeFirst();
    if (row) {
      await db
        .updateTable('rollup_driver')
        .set(Object.fromEntries(COLUMNS.map((c, i) => [c, Number(row[c]) + s.counts[i]!])))
        .where('cell_id', '=', s.cell_id)
        .where('driver', '=', s.driver)
        .execute();
    } else {
      await db
        .insertInto('rollup_driver')
        .values({ cell_id: s.cell_id, driver: s.driver, ...values })
        .execute();
    }
  }
  await db.schema.dropTable('rollup_driver_part').execute();
}
