/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * The responses export streams a survey's rows by day and id (server/exports/query.ts): the index
 * of a survey's days gains the id, so both engines read the rows in that order from the index
 * instead of sorting them (PostgreSQL sorted every selected row before sending the first; SQLite
 * each day's). It replaces the narrower index, so a response still writes one index entry.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('response_survey_day_id')
    .on('response')
    .columns(['survey_id', 'day', 'id'])
    .execute();
  await db.schema.dropIndex('response_survey_day').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('response_survey_day')
    .on('response')
    .columns(['survey_id', 'day'])
    .execute();
  await db.schema.dropIndex('response_survey_day_id').execute();
}
