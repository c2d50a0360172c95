/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * A live batch writes a cell's driver × driver counts into the cell's one part (`rollup_part`)
 * with everything else it gains, instead of a part of their own (`rollup_joint_part`): one row a
 * cell and batch instead of two, and no index of long driver lists to keep. The new column
 * `joint` holds a JSON array of `[drivers, counts]`, one per driver list (the key of the cell's
 * `rollup_joint` row), `counts` in that row's text layout ('' when none). The parts not folded yet
 * move over, and the old table goes.
 */
import type { Kysely } from 'kysely';
import { rowId } from './portable.js';

const CHUNK = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rollup_part')
    .addColumn('joint', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const parts = await db
    .selectFrom('rollup_joint_part')
    .select(['cell_id', 'drivers', 'counts'])
    .orderBy('id')
    .execute();
  for (let i = 0; i < parts.length; i += CHUNK) {
    await db
      .insertInto('rollup_part')
      .values(
        parts.slice(i, i + CHUNK).map((p) => ({
          cell_id: Number(p.cell_id),
          n: 0,
          drivers: '',
          counts: '',
          answers: '',
          joint: JSON.stringify([[String(p.drivers), String(p.counts)]]),
        })),
      )
      .execute();
  }
  await db.schema.dropTable('rollup_joint_part').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
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
  const parts = await db
    .selectFrom('rollup_part')
    .select(['cell_id', 'joint'])
    .where('joint', '<>', '')
    .execute();
  const rows = parts.flatMap((p) =>
    (JSON.parse(String(p.joint)) as Array<[string, string]>).map(([drivers, counts]) => ({
      cell_id: Number(p.cell_id),
      drivers,
      counts,
    })),
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('rollup_joint_part')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
  await db.schema.alterTable('rollup_part').dropColumn('joint').execute();
}
