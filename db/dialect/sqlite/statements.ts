/**
 * The SQLite response transaction's SQL, written with Kysely and compiled once, then prepared on
 * the synchronous connection. Each statement names its parameters (db/named-statement.ts).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CELL_DIMS, CELL_KEY, type Dimension } from '../../../common/reports/dimensions.js';
import { named, param as p } from '../../named-statement.js';
import {
  DRIVER_COLUMNS,
  HISTOGRAM_COLUMNS,
  type DriverColumn,
  type HistogramColumn,
} from '../../rollups/layout.js';
import type { Database } from '../../schema.js';

/** A cell's dimensions, each bound by its own name. */
const CELL_DIM_PARAMS = Object.fromEntries(CELL_DIMS.map((d) => [d, p(d)])) as Record<
  Dimension,
  string
>;
/** One named parameter per count column, named as the column. */
const columnParams = <C extends string>(columns: readonly C[]) =>
  Object.fromEntries(columns.map((c) => [c, p<number>(c)])) as Record<C, number>;

/** `column = table.column + excluded.column` for every count column: an upsert adds. */
const addExcluded = <C extends string>(table: string, columns: readonly C[]) =>
  Object.fromEntries(
    columns.map((c) => [c, sql<number>`${sql.ref(`${table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`]),
  ) as Record<C, RawBuilder<number>>;

export function compileSqliteStatements(db: Kysely<Database>) {
  const waves = db
    .selectFrom('survey_wave')
    .select('id')
    .where('survey_id', '=', p<number>('survey'))
    .where('starts_on', '<=', p('day'))
    .where('ends_on', '>=', p('day'));
  return {
    /**
     * Redeems a one-time token: atomic, so of any number of submissions carrying one token
     * exactly one changes the row. Also clears the service details the row no longer needs.
     */
    redeemToken: named(
      db
        .updateTable('service_token')
        .set({ used: 1, service_type: null, requested_at: null, delivered_at: null })
        .where('token_hash', '=', p('hash'))
        .where('used', 'is', null)
        .where('expires_at', '>', p('now'))
        .compile(),
    ),
    tokenState: named(
      db
        .selectFrom('service_token')
        .select(['used', 'expires_at'])
        .where('token_hash', '=', p('hash'))
        .compile(),
    ),
    /** The quotas that apply to a response of `region` on `day`, and how many are full. */
    quotasApplying: named(
      db
        .selectFrom('wave_quota')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn
            .sum<number>(eb.case().when('used', '>=', eb.ref('quota')).then(1).else(0).end())
            .as('full'),
        ])
        .where('region', '=', p('region'))
        .where('wave_id', 'in', waves)
        .compile(),
    ),
    claimQuotas: named(
      db
        .updateTable('wave_quota')
        .set((eb) => ({ used: eb('used', '+', 1) }))
        .where('region', '=', p('region'))
        .where('wave_id', 'in', waves)
        .whereRef('used', '<', 'quota')
        .compile(),
    ),
    /** The quotas of `region` on `day` that are now full: after a claim, those it just filled. */
    quotasReached: named(
      db
        .selectFrom('wave_quota')
        .select(['wave_id', 'region', 'quota'])
        .where('region', '=', p('region'))
        .where('wave_id', 'in', waves)
        .whereRef('used', '>=', 'quota')
        .compile(),
    ),
    /** One webhook outbox row (db/outbox.ts). */
    insertOutbox: named(
      db
        .insertInto('webhook_outbox')
        .values({
          event: p('event'),
          payload: p('payload'),
          created_at: p<number>('created_at'),
        })
        .compile(),
    ),
    findResponse: named(
      db
        .selectFrom('response')
        .select(['request_hash', 'submitted_at'])
        .where('id', '=', p('id'))
        .compile(),
    ),
    insertResponse: named(
      db
        .insertInto('response')
        .values({
          id: p('id'),
          survey_id: p<number>('survey_id'),
          version_id: p<number>('version_id'),
          region: p('region'),
          district: p('district'),
          provider: p('provider'),
          sector: p<null>('sector'),
          channel: p('channel'),
          lang: p('lang'),
          answers: p('answers'),
          request_hash: p('request_hash'),
          submitted_at: p('submitted_at'),
          day: p('day'),
          service_days: p<number>('service_days'),
        })
        .compile(),
    ),
    upsertCell: named(
      db
        .insertInto('rollup_cell')
        .values({
          cuboid: p('cuboid'),
          survey_id: p<number>('survey_id'),
          period: p('period'),
          ...CELL_DIM_PARAMS,
          n: p<number>('n'),
        })
        .onConflict((oc) =>
          oc.columns([...CELL_KEY]).doUpdateSet({ n: sql`rollup_cell.n + excluded.n` }),
        )
        .returning('id')
        .compile(),
    ),
    /** A known cell (by id) counts more responses. */
    bumpCell: named(
      db
        .updateTable('rollup_cell')
        .set((eb) => ({ n: eb('n', '+', p<number>('n')) }))
        .where('id', '=', p<number>('id'))
        .compile(),
    ),
    upsertAnswer: named(
      db
        .insertInto('rollup_answer')
        .values({
          cell_id: p<number>('cell_id'),
          variable: p('variable'),
          value: p('value'),
          n: p<number>('n'),
        })
        .onConflict((oc) =>
          oc
            .columns(['cell_id', 'variable', 'value'])
            .doUpdateSet({ n: sql`rollup_answer.n + excluded.n` }),
        )
        .compile(),
    ),
    upsertHistogram: named(
      db
        .insertInto('rollup_histogram')
        .values({
          cell_id: p<number>('cell_id'),
          variable: p('variable'),
          base: p<number>('base'),
          ...columnParams(HISTOGRAM_COLUMNS),
        })
        .onConflict((oc) =>
          oc
            .columns(['cell_id', 'variable', 'base'])
            .doUpdateSet(addExcluded('rollup_histogram', HISTOGRAM_COLUMNS)),
        )
        .compile(),
    ),
    upsertDriver: named(
      db
        .insertInto('rollup_driver')
        .values({
          cell_id: p<number>('cell_id'),
          driver: p('driver'),
          ...columnParams(DRIVER_COLUMNS),
        })
        .onConflict((oc) =>
          oc
            .columns(['cell_id', 'driver'])
            .doUpdateSet(addExcluded('rollup_driver', DRIVER_COLUMNS)),
        )
        .compile(),
    ),
    /** A cell's driver × driver counts (db/rollups/layout.ts), added to in JavaScript. */
    selectJoint: named(
      db
        .selectFrom('rollup_joint')
        .select('counts')
        .where('cell_id', '=', p<number>('cell_id'))
        .where('drivers', '=', p('drivers'))
        .compile(),
    ),
    upsertJoint: named(
      db
        .insertInto('rollup_joint')
        .values({ cell_id: p<number>('cell_id'), drivers: p('drivers'), counts: p('counts') })
        .onConflict((oc) =>
          oc.columns(['cell_id', 'drivers']).doUpdateSet({ counts: sql`excluded.counts` }),
        )
        .compile(),
    ),
    /**
     * What a live batch adds to a cell's responses, driver × satisfaction tables, answer counts,
     * histograms and driver × driver counts, beside its rows.
     */
    insertPart: named(
      db
        .insertInto('rollup_part')
        .values({
          cell_id: p<number>('cell_id'),
          n: p<number>('n'),
          drivers: p('drivers'),
          counts: p('counts'),
          answers: p('answers'),
          joint: p('joint'),
        })
        .compile(),
    ),
    /** insertPart of a cell known by its id: nothing is written when the cell has gone. */
    insertKnownPart: named(
      db
        .insertInto('rollup_part')
        .columns(['cell_id', 'n', 'drivers', 'counts', 'answers', 'joint'])
        .expression((eb) =>
          eb
            .selectFrom('rollup_cell')
            .where('id', '=', p<number>('cell_id'))
            .select((s) => [
              'id',
              s.val(p<number>('n')).as('n'),
              s.val(p('drivers')).as('drivers'),
              s.val(p('counts')).as('counts'),
              s.val(p('answers')).as('answers'),
              s.val(p('joint')).as('joint'),
            ]),
        )
        .compile(),
    ),
    parts: named(
      db
        .selectFrom('rollup_part')
        .select(['n', 'drivers', 'counts', 'answers', 'joint'])
        .where('cell_id', '=', p<number>('cell_id'))
        .compile(),
    ),
    deleteParts: named(
      db.deleteFrom('rollup_part').where('cell_id', '=', p<number>('cell_id')).compile(),
    ),
    /** Cells with parts not added to their rows yet, at most `max`. */
    partCells: named(
      db.selectFrom('rollup_part').select('cell_id').distinct().limit(p<number>('max')).compile(),
    ),
    /** One statement per column: what a few responses add to a driver table touches few. */
    upsertDriverColumn: DRIVER_COLUMNS.map((col) =>
      named(
        db
          .insertInto('rollup_driver')
          .values({
            cell_id: p<number>('cell_id'),
            driver: p('driver'),
            ...({ [col]: p<number>('n') } as Record<DriverColumn, number>),
          })
          .onConflict((oc) =>
            oc.columns(['cell_id', 'driver']).doUpdateSet(addExcluded('rollup_driver', [col])),
          )
          .compile(),
      ),
    ),
    /** One statement per slot, likewise. */
    upsertHistogramSlot: HISTOGRAM_COLUMNS.map((col) =>
      named(
        db
          .insertInto('rollup_histogram')
          .values({
            cell_id: p<number>('cell_id'),
            variable: p('variable'),
            base: p<number>('base'),
            ...({ [col]: p<number>('n') } as Record<HistogramColumn, number>),
          })
          .onConflict((oc) =>
            oc
              .columns(['cell_id', 'variable', 'base'])
              .doUpdateSet(addExcluded('rollup_histogram', [col])),
          )
          .compile(),
      ),
    ),
  };
}

export type SqliteStatements = ReturnType<typeof compileSqliteStatements>;
