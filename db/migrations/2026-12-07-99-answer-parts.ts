/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * A live batch writes one part per cell: its driver × satisfaction tables (as before) and now its
 * answer counts and whole-number histograms too, instead of an upsert of each answer's and each
 * histogram block's row (a dozen statements a cell). The table of driver parts becomes
 * `rollup_part` with a column `answers`: a JSON array of `[variable, value, n]` for each plain
 * answer and `[variable, base, slot, n, slot, n, …]` for each histogram block ('' when none). A
 * cell's counts are its rows plus its parts; the writer adds a cell's parts to its rows once they
 * are many, and when ingest is idle.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rollup_driver_part').renameTo('rollup_part').execute();
  await db.schema
    .alterTable('rollup_part')
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

const SLOTS = Array.from({ length: 32 }, (_, i) => `n${i}`);

export async function down(db: Kysely<any>): Promise<void> {
  // Add every part's answers to their rows before the column goes (the counts must stay).
  const parts = await db
    .selectFrom('rollup_part')
    .select(['cell_id', 'answers'])
    .where('answers', '<>', '')
    .execute();
  for (const p of parts) {
    const cellId = Number(p.cell_id);
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
  await db.schema.alterTable('rollup_part').renameTo('rollup_driver_part').execute();
}
