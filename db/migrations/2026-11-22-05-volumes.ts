/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Service volumes and eligible populations, recorded by administrators (shared/METRICS.md):
 * per provider and month, the people served and the people offered the survey (response rate =
 * responses / offered); per area (a region or a district) and year, the people eligible
 * (coverage = served / eligible). A value not recorded is null, never 0.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_volume')
    .addColumn('provider', 'text', (c) => c.notNull().references('provider.code'))
    /** YYYY-MM, local calendar month. */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('served', 'integer', (c) => c.check(sql`served is null or served >= 0`))
    .addColumn('offered', 'integer', (c) => c.check(sql`offered is null or offered >= 0`))
    .addPrimaryKeyConstraint('service_volume_pk', ['provider', 'month'])
    .addCheckConstraint('service_volume_some', sql`served is not null or offered is not null`)
    .execute();
  await db.schema
    .createIndex('service_volume_month')
    .on('service_volume')
    .column('month')
    .execute();

  await db.schema
    .createTable('eligible_population')
    /** A region or district code of the registry. */
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull().check(sql`eligible >= 0`))
    .addPrimaryKeyConstraint('eligible_population_pk', ['area', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('eligible_population').execute();
  await db.schema.dropTable('service_volume').execute();
}
