/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * On SQLite, `rollup_joint` becomes a table with rowids. Its rows hold kilobytes of text; in a
 * table without rowids the whole row is the key, so the pages above the rows hold copies of
 * rows too (a handful a page, their text spilling into overflow pages), and finding one row read
 * a dozen pages: at 10M responses a report that reads the driver × driver tables of a few hundred
 * cells spent 15–30 ms finding them. With rowids the key (cell, drivers) lives in its own small
 * index and the text is read only for the rows found. Same columns and key; PostgreSQL's tables
 * always have row ids, so nothing changes there.
 */
import { sql, type Kysely } from 'kysely';
import { onPostgres } from './portable.js';

async function rebuild(db: Kysely<any>, rowids: boolean): Promise<void> {
  if (onPostgres(db)) return;
  await db.schema
    .createTable('rollup_joint_next')
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('drivers', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_joint_pk', ['cell_id', 'drivers'])
    .$call((b) => (rowids ? b : b.modifyEnd(sql`without rowid`)))
    .execute();
  await sql`insert into rollup_joint_next (cell_id, drivers, counts)
    select cell_id, drivers, counts from rollup_joint order by cell_id, drivers`.execute(db);
  await db.schema.dropTable('rollup_joint').execute();
  await db.schema.alterTable('rollup_joint_next').renameTo('rollup_joint').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, false);
}
