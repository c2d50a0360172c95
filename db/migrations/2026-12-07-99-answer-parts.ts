/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * A live batch writes one part per cell: its driver × satisfaction tables (as before) and now its
 * responses and its answer counts and whole-number histograms too, instead of an update of the
 * cell's row and an upsert of each answer's and each histogram block's row (a dozen statements a
 * cell, and on PostgreSQL a lock on rows every instance writes). The table of driver parts becomes
 * `rollup_part` with two more columns: `n`, the responses the part adds to the cell's `n`; and
 * `answers`, a JSON array of `[variable, value, n]` for each plain answer and `[variable, base,
 * slot, n, slot, n, …]` for each histogram block ('' when none). A cell's counts are its rows plus
 * its parts; the writer adds a cell's parts to its rows once they are many, and when ingest is
 * idle.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rollup_driver_part').renameTo('rollup_part').execute();
  await db.schema
    .alterTable('rollup_part')
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollup_part')
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

const SLOTS = Array.from({ length: 32 }, (_, i) => `n${i}`);

export async function down(db: Kysely<any>): Promise<void> {
  // Add every part's responses and answers to their rows before the columns go (the counts must
  // stay).
  const parts = await db.selectFrom('rollup_part').select(['cell_id', 'n', 'answers']).execute();
  for (const p of parts) {
    const cellId = Number(p.cell_id);
    await db
      .updateTable('rollup_cell')
      .set({ n: sql`n + ${Number(p.n)}` })
      .where('id', '=', cellId)
      .execute();
    if (p.answers === '') continue;
    for (const item of JSON.parse(String(p.answers)) as Array<
      [string, string | number, ...number[]]
    >) {
      const [variable, second] = item;
      if (typeof second === 'string') {
        await db
          .insertInto('rollup_answer')
          .values({ cell_id: cellId, variable, value: second, n: item[2] })
          .onConflict((oc) =>
            oc
              .columns(['cell_id', 'variable', 'value'])
              .doUpdateSet({ n: sql`rollup_answer.n + excluded.n` }),
          )
          .execute();
        continue;
      }
      const counts = SLOTS.map(() => 0);
      for (let i = 2; i < item.length; i += 2) counts[item[i] as number]! += item[i + 1] as number;
      await db
        .insertInto('rollup_histogram')
        .values({
          cell_id: cellId,
          variable,
          base: second,
          ...Object.fromEntries(SLOTS.map((s, i) => [s, counts[i]])),
        })
        .onConflict((oc) =>
          oc
            .columns(['cell_id', 'variable', 'base'])
            .doUpdateSet(
              Object.fromEntries(
                SLOTS.map((s) => [s, sql`rollup_histogram.${sql.ref(s)} + excluded.${sql.ref(s)}`]),
              ),
            ),
        )
        .execute();
    }
  }
  await db.schema.alterTable('rollup_part').dropColumn('answers').execute();
  await db.schema.alterTable('rollup_part').dropColumn('n').execute();
  await db.schema.alterTable('rollup_part').renameTo('rollup_driver_part').execute();
}
