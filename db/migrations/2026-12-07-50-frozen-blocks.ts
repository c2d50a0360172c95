/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Disclosure control (shared/METRICS.md): the protected blocks that managers' and public figures
 * are summed from, the versioned perturbation tables, the months already frozen per survey, and
 * each response's secret record key with the month whose block counted it.
 */
import type { Kysely } from 'kysely';
import { identity } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ptable_version')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('record_key')
    .addColumn('response_id', 'text', (c) => c.primaryKey().references('response.id'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('block_month', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_key_month')
    .on('record_key')
    .columns(['survey_id', 'block_month'])
    .execute();
  await db.schema
    .createTable('frozen_month')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('frozen_month_pk', ['survey_id', 'month', 'version'])
    .execute();
  await db.schema
    .createTable('frozen_block')
    .addColumn('id', 'integer', identity(db))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('grid', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addUniqueConstraint('frozen_block_cell', [
      'survey_id',
      'version',
      'grid',
      'month',
      'region',
      'district',
      'provider',
      'sector',
      'channel',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('frozen_block').execute();
  await db.schema.dropTable('frozen_month').execute();
  await db.schema.dropTable('record_key').execute();
  await db.schema.dropTable('ptable_version').execute();
}
