/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Short printed codes (`/k/7F3Q`): a poster's address a citizen can type by hand, standing for
 * one survey's link for one provider (and channel). The server signs the link again when the
 * code is opened, so a code stays valid as long as its provider does. `channel` is '' for none,
 * so that the pair (survey, provider, channel) is unique on both engines.
 */
import type { Kysely } from 'kysely';
import { int64 } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('short_link')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', int64(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('short_link_target')
    .on('short_link')
    .columns(['slug', 'provider', 'channel'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('short_link').execute();
}
