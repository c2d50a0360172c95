/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * One-time links from service events and the API keys of provider IT systems. A token is kept
 * only as the sha256 of its raw value, and nothing here refers to a response: no response id,
 * no time of use (only a flag), so a redeemed token cannot be matched to the answers it gave.
 */
import { sql, type Kysely } from 'kysely';
import { identity, withoutRowid } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('service_type', 'text')
    .addColumn('requested_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.check(sql`used is null or used = 1`))
    .$call(withoutRowid(db))
    .execute();

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'integer', identity(db))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['api_key', 'service_token']) {
    await db.schema.dropTable(t).execute();
  }
}
