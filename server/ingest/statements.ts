/**
 * The ingest path's SQL, written with Kysely (so it follows the dialect) and compiled once.
 * Each statement names its parameters (db/named-statement.ts).
 */
import { sql, type Kysely } from 'kysely';
import { named, param as p } from '../../db/named-statement.js';
import type { Database } from '../../db/schema.js';

export function compileIngestStatements(db: Kysely<Database>) {
  return {
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
          region: p('region'),
          district: p('district'),
          provider: p('provider'),
          sector: p('sector'),
          channel: p('channel'),
          segment: p('segment'),
          n: p<number>('n'),
        })
        .onConflict((oc) =>
          oc
            .columns([
              'cuboid',
              'survey_id',
              'period',
              'region',
              'district',
              'provider',
              'sector',
              'channel',
              'segment',
            ])
            .doUpdateSet({ n: sql`rollup_cell.n + excluded.n` }),
        )
        .returning('id')
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
    upsertPair: named(
      db
        .insertInto('rollup_pair')
        .values({
          cell_id: p<number>('cell_id'),
          driver: p('driver'),
          driver_value: p<number>('driver_value'),
          outcome_value: p<number>('outcome_value'),
          n: p<number>('n'),
        })
        .onConflict((oc) =>
          oc
            .columns(['cell_id', 'driver', 'driver_value', 'outcome_value'])
            .doUpdateSet({ n: sql`rollup_pair.n + excluded.n` }),
        )
        .compile(),
    ),
  };
}

export type IngestStatements = ReturnType<typeof compileIngestStatements>;
