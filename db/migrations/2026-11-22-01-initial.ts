/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 */
import { sql, type Kysely } from 'kysely';
import { identity, withoutRowid } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('region')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_uz', 'text', (c) => c.notNull())
    .addColumn('name_uz_cyrl', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('district')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('region.code'))
    .addColumn('name_uz', 'text', (c) => c.notNull())
    .addColumn('name_uz_cyrl', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('district_region').on('district').column('region_code').execute();

  await db.schema
    .createTable('provider')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('district_code', 'text', (c) => c.notNull().references('district.code'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('region.code'))
    .addColumn('sector', 'text', (c) =>
      c.notNull().check(sql`sector in ('state', 'ngo', 'private', 'ppp')`),
    )
    .addColumn('name_uz', 'text', (c) => c.notNull())
    .addColumn('name_uz_cyrl', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('provider_district').on('provider').column('district_code').execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'integer', identity(db))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin', 'sociologist', 'manager')`),
    )
    .addColumn('regions', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey')
    .addColumn('id', 'integer', identity(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'open', 'closed')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_version')
    .addColumn('id', 'integer', identity(db))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_version_number', ['survey_id', 'version'])
    .execute();

  await db.schema
    .createTable('response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('survey_version.id'))
    .addColumn('region', 'text')
    .addColumn('district', 'text')
    .addColumn('provider', 'text')
    .addColumn('sector', 'text')
    .addColumn('channel', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('service_days', 'integer')
    .execute();
  await db.schema
    .createIndex('response_survey_day')
    .on('response')
    .columns(['survey_id', 'day'])
    .execute();

  await db.schema
    .createTable('rollup_cell')
    .addColumn('id', 'integer', identity(db))
    .addColumn('cuboid', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addUniqueConstraint('rollup_cell_key', [
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
    .execute();

  await db.schema
    .createTable('rollup_answer')
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_answer_pk', ['cell_id', 'variable', 'value'])
    .$call(withoutRowid(db))
    .execute();

  await db.schema
    .createTable('rollup_pair')
    .addColumn('cell_id', 'integer', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull())
    .addColumn('driver_value', 'integer', (c) => c.notNull())
    .addColumn('outcome_value', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_pair_pk', [
      'cell_id',
      'driver',
      'driver_value',
      'outcome_value',
    ])
    .$call(withoutRowid(db))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'rollup_pair',
    'rollup_answer',
    'rollup_cell',
    'response',
    'survey_version',
    'survey',
    'app_user',
    'provider',
    'district',
    'region',
    'setting',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
