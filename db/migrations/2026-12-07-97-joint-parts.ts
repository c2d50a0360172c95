/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * What live batches add to a cell's driver × driver tables, as parts beside its `rollup_joint`
 * row instead of a rewrite of that row: a cell's counts are its row plus the sum of its parts
 * (same text layout, db/rollups/layout.ts). A row holds up to several kilobytes of text, so
 * rewriting it for every batch that touched the cell cost more than everything else a response
 * adds to the rollups; a part holds only what one batch added, and the writer folds a cell's parts
 * into its row once they are many, and when ingest is idle.
 */
import type { Kysely } from 'kysely';
import { rowId } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_joint_part')
    .addColumn('id', 'integer', rowId(db))
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('drivers', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_joint_part_cell')
    .on('rollup_joint_part')
    .columns(['cell_id', 'drivers'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Fold every part into its row before the parts' table goes (the counts must stay).
  const parts = await db
    .selectFrom('rollup_joint_part')
    .select(['cell_id', 'drivers', 'counts'])
    .orderBy('cell_id')
    .orderBy('drivers')
    .execute();
  const sums = new Map<string, { cell_id: number; drivers: string; counts: Map<number, number> }>();
  const add = (into: Map<number, number>, text: string) => {
    if (text === '') return;
    for (const item of text.split(',')) {
      const [offset, n] = item.split(':').map(Number) as [number, number];
      into.set(offset, (into.get(offset) ?? 0) + n);
    }
  };
  for (const p of parts) {
    const key = `${p.cell_id}\u0001${p.drivers}`;
    let s = sums.get(key);
    if (!s)
      sums.set(key, (s = { cell_id: Number(p.cell_id), drivers: p.drivers, counts: new Map() }));
    add(s.counts, p.counts);
  }
  for (const s of sums.values()) {
    const row = await db
      .selectFrom('rollup_joint')
      .select('counts')
      .where('cell_id', '=', s.cell_id)
      .where('drivers', '=', s.drivers)
      .executeTakeFirst();
    if (row) add(s.counts, row.counts);
    const counts = [...s.counts]
      .filter(([, n]) => n !== 0)
      .sort((a, b) => a[0] - b[0])
      .map(([o, n]) => `${o}:${n}`)
      .join(',');
    await db
      .insertInto('rollup_joint')
      .values({ cell_id: s.cell_id, drivers: s.drivers, counts })
      .onConflict((oc) => oc.columns(['cell_id', 'drivers']).doUpdateSet({ counts }))
      .execute();
  }
  await db.schema.dropTable('rollup_joint_part').execute();
}
