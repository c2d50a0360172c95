/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Sign-in throttling with exponential slow-down (server/auth/throttle.ts) replaces the fixed
 * per-account window of `login_attempt`: one row per throttled key (an account from one address,
 * an address, an account from many addresses, a device cookie), each key an HMAC, never a name or
 * an address. Times are ms since the epoch (bigint).
 */
import type { Kysely } from 'kysely';
import { identity, int64 } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempt').execute();
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', int64(db), (c) => c.notNull())
    .addColumn('updated_at', int64(db), (c) => c.notNull())
    .addColumn('reported_until', int64(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_throttle_updated_at')
    .on('sign_in_throttle')
    .column('updated_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_throttle').execute();
  await db.schema
    .createTable('login_attempt')
    .addColumn('id', 'integer', identity(db))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('at', int64(db), (c) => c.notNull())
    .execute();
}
