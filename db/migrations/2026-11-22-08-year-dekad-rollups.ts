/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Two more national cuboids (region × sector), so a report over a long range reads a few cells per
 * year instead of per month, and the edges of a range whole dekads (days 1–10, 11–20, 21–end of
 * month) instead of single days: `area-year` (period `YYYY`) and `area-dekad` (period: the
 * dekad's first day, `YYYY-MM-01`, `-11` or `-21`). Filled here by adding up the existing
 * `area-month` and `area-day` cells with their answer counts, histograms and driver tables; from
 * then on each response adds to them in its own transaction.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';

const KEY = ['survey_id', 'region', 'district', 'provider', 'sector', 'channel', 'segment'];
const DRIVER_COLUMNS = [1, 2, 3, 4, 5].flatMap((v) => [0, 1, 2, 3, 4, 5].map((o) => `d${v}s${o}`));
const SLOTS = Array.from({ length: 32 }, (_, i) => `n${i}`);

const TARGETS: Array<{
  cuboid: string;
  from: string;
  period: (p: RawBuilder<string>) => RawBuilder<string>;
}> = [
  { cuboid: 'area-year', from: 'area-month', period: (p) => sql`substr(${p}, 1, 4)` },
  {
    cuboid: 'area-dekad',
    from: 'area-day',
    period: (p) =>
      sql`substr(${p}, 1, 8) || case when substr(${p}, 9, 2) <= '10' then '01' when substr(${p}, 9, 2) <= '20' then '11' else '21' end`,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TARGETS) {
    const period = t.period(sql.ref('s.period'));
    await db
      .insertInto('rollup_cell')
      .columns(['cuboid', 'period', ...KEY, 'n'])
      .expression(
        db
          .selectFrom('rollup_cell as s')
          .select([sql.lit(t.cuboid).as('cuboid'), period.as('period')])
          .select(KEY.map((k) => `s.${k}`))
          .select(sql<number>`sum(s.n)`.as('n'))
          .where('s.cuboid', '=', t.from)
          .groupBy([period, ...KEY.map((k) => `s.${k}`)]),
      )
      .execute();

    // Each source cell with the id of the new cell it adds to.
    const pairs = db
      .selectFrom('rollup_cell as s')
      .innerJoin('rollup_cell as t', (j) => {
        let on = j.on('t.cuboid', '=', t.cuboid).on('t.period', '=', period);
        for (const k of KEY) on = on.onRef(`t.${k}`, '=', `s.${k}`);
        return on;
      })
      .where('s.cuboid', '=', t.from)
      .select(['s.id as source', 't.id as target']);

    await db
      .insertInto('rollup_answer')
      .columns(['cell_id', 'variable', 'value', 'n'])
      .expression(
        db
          .selectFrom('rollup_answer as a')
          .innerJoin(pairs.as('m'), 'm.source', 'a.cell_id')
          .select(['m.target', 'a.variable', 'a.value', sql<number>`sum(a.n)`.as('n')])
          .groupBy(['m.target', 'a.variable', 'a.value']),
      )
      .execute();
    await db
      .insertInto('rollup_histogram')
      .columns(['cell_id', 'variable', 'base', ...SLOTS])
      .expression(
        db
          .selectFrom('rollup_histogram as h')
          .innerJoin(pairs.as('m'), 'm.source', 'h.cell_id')
          .select(['m.target', 'h.variable', 'h.base'])
          .select(SLOTS.map((c) => sql<number>`sum(${sql.ref(`h.${c}`)})`.as(c)))
          .groupBy(['m.target', 'h.variable', 'h.base']),
      )
      .execute();
    await db
      .insertInto('rollup_driver')
      .columns(['cell_id', 'driver', ...DRIVER_COLUMNS])
      .expression(
        db
          .selectFrom('rollup_driver as d')
          .innerJoin(pairs.as('m'), 'm.source', 'd.cell_id')
          .select(['m.target', 'd.driver'])
          .select(DRIVER_COLUMNS.map((c) => sql<number>`sum(${sql.ref(`d.${c}`)})`.as(c)))
          .groupBy(['m.target', 'd.driver']),
      )
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const cells = db
    .selectFrom('rollup_cell')
    .select('id')
    .where(
      'cuboid',
      'in',
      TARGETS.map((t) => t.cuboid),
    );
  for (const table of ['rollup_answer', 'rollup_histogram', 'rollup_driver'])
    await db.deleteFrom(table).where('cell_id', 'in', cells).execute();
  await db
    .deleteFrom('rollup_cell')
    .where(
      'cuboid',
      'in',
      TARGETS.map((t) => t.cuboid),
    )
    .execute();
}
