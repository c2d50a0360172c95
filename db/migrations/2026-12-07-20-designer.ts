/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * The questionnaire designer: who saved each survey version and from what (the designer, a file,
 * an earlier version restored), with the state of its translations (which texts were translated
 * from which source text, which were transliterated and await review); and the library of
 * reusable questions and blocks shared by the sociologists of an installation.
 */
import type { Kysely } from 'kysely';
import { identity } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_version_meta')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('based_on', 'integer')
    .addColumn('translation_state', 'text')
    .addPrimaryKeyConstraint('survey_version_meta_pk', ['survey_id', 'version'])
    .execute();
  await db.schema
    .createTable('library_item')
    .addColumn('id', 'integer', identity(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('elements', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_item').execute();
  await db.schema.dropTable('survey_version_meta').execute();
}
