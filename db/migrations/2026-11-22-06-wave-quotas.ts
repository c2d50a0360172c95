/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Per-region quotas of a survey wave (table survey_wave, 2026-11-22-04-waves): how many responses a
 * region may give during the wave's days, and how many it has given. `used` is raised in the same
 * transaction that stores a response, and only while it is below `quota`.
 */
import { sql, type Kysely } from 'kysely';
import { withoutRowid } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wave_quota')
    .addColumn('wave_id', 'integer', (c) =>
      c.notNull().references('survey_wave.id').onDelete('cascade'),
    )
    .addColumn('region', 'text', (c) => c.notNull().references('region.code'))
    .addColumn('quota', 'integer', (c) => c.notNull().check(sql`quota >= 0`))
    .addColumn('used', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`used >= 0`),
    )
    .addPrimaryKeyConstraint('wave_quota_pk', ['wave_id', 'region'])
    .$call(withoutRowid(db))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wave_quota').execute();
}
