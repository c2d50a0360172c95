/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Survey waves: named, inclusive ranges of local calendar days (YYYY-MM-DD) of one survey. Reports
 * group by wave by reading the rollups over each wave's days; waves may overlap.
 */
import { sql, type Kysely } from 'kysely';
import { identity } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_wave')
    .addColumn('id', 'integer', identity(db))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_wave_name', ['survey_id', 'name'])
    .addCheckConstraint('survey_wave_dates', sql`starts_on <= ends_on`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_wave').execute();
}
