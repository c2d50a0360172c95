/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Wider rollup rows, so a national report reads a few thousand rows instead of a few hundred
 * thousand (db/rollup-layout.ts explains the layouts):
 * - `rollup_driver`: a cell's whole driver × satisfaction table in one row, columns d{v}s{o} for
 *   driver value v 1–5 and satisfaction o 0–5 (0: no satisfaction answer). Filled here from
 *   `rollup_pair`, which is then dropped.
 * - `rollup_histogram`: whole-number answers in blocks of 32 values, column n{i} counting the
 *   value base + i. Starts empty: the counts already in `rollup_answer` stay valid there (the
 *   reader adds both tables up), and `ovoz rollups rebuild` moves them into the compact form.
 */
import { sql, type Kysely } from 'kysely';
import { withoutRowid } from './portable.js';

const DRIVER_COLUMNS = [1, 2, 3, 4, 5].flatMap((v) => [0, 1, 2, 3, 4, 5].map((o) => ({ v, o })));
const SLOTS = Array.from({ length: 32 }, (_, i) => i);

export async function up(db: Kysely<any>): Promise<void> {
  let driver = db.schema
    .createTable('rollup_driver')
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull());
  for (const { v, o } of DRIVER_COLUMNS)
    driver = driver.addColumn(`d${v}s${o}`, 'integer', (c) => c.notNull().defaultTo(0));
  await driver
    .addPrimaryKeyConstraint('rollup_driver_pk', ['cell_id', 'driver'])
    .$call(withoutRowid(db))
    .execute();

  await db
    .insertInto('rollup_driver')
    .columns(['cell_id', 'driver', ...DRIVER_COLUMNS.map(({ v, o }) => `d${v}s${o}`)])
    .expression(
      db
        .selectFrom('rollup_pair')
        .select(['cell_id', 'driver'])
        .select(
          DRIVER_COLUMNS.map(({ v, o }) =>
            sql<number>`sum(case when driver_value = ${sql.lit(v)} and outcome_value = ${sql.lit(o)} then n else 0 end)`.as(
              `d${v}s${o}`,
            ),
          ),
        )
        .groupBy(['cell_id', 'driver']),
    )
    .execute();
  await db.schema.dropTable('rollup_pair').execute();

  let histogram = db.schema
    .createTable('rollup_histogram')
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('base', 'integer', (c) => c.notNull());
  for (const i of SLOTS)
    histogram = histogram.addColumn(`n${i}`, 'integer', (c) => c.notNull().defaultTo(0));
  await histogram
    .addPrimaryKeyConstraint('rollup_histogram_pk', ['cell_id', 'variable', 'base'])
    .$call(withoutRowid(db))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_pair')
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull())
    .addColumn('driver_value', 'integer', (c) => c.notNull())
    .addColumn('outcome_value', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_pair_pk', [
      'cell_id',
      'driver',
      'driver_value',
      'outcome_value',
    ])
    .$call(withoutRowid(db))
    .execute();
  for (const { v, o } of DRIVER_COLUMNS) {
    await db
      .insertInto('rollup_pair')
      .columns(['cell_id', 'driver', 'driver_value', 'outcome_value', 'n'])
      .expression(
        db
          .selectFrom('rollup_driver')
          .select(['cell_id', 'driver'])
          .select([sql.lit(v).as('driver_value'), sql.lit(o).as('outcome_value'), `d${v}s${o}`])
          .where(`d${v}s${o}`, '>', 0),
      )
      .execute();
  }
  await db.schema.dropTable('rollup_driver').execute();
  // Histogram counts go back to one row per value.
  for (const i of SLOTS) {
    await db
      .insertInto('rollup_answer')
      .columns(['cell_id', 'variable', 'value', 'n'])
      .expression(
        db
          .selectFrom('rollup_histogram')
          .select(['cell_id', 'variable'])
          .select([sql`cast(base + ${sql.lit(i)} as text)`.as('value'), `n${i}`])
          .where(`n${i}`, '>', 0),
      )
      .onConflict((oc) =>
        oc
          .columns(['cell_id', 'variable', 'value'])
          .doUpdateSet({ n: sql`rollup_answer.n + excluded.n` }),
      )
      .execute();
  }
  await db.schema.dropTable('rollup_histogram').execute();
}
