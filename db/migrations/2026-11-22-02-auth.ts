/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Sign-in: sessions (only the sha256 of the session id is stored; nothing about the address or
 * the browser), the audit log (who did what, when) and failed sign-in attempts per account (the
 * account is kept only as an HMAC of the username).
 */
import type { Kysely } from 'kysely';
import { identity, int64 } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('created_at', int64(db), (c) => c.notNull())
    .addColumn('last_seen_at', int64(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user').on('session').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', identity(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('details', 'text')
    .execute();

  await db.schema
    .createTable('login_attempt')
    .addColumn('id', 'integer', identity(db))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('at', int64(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempt_account_at')
    .on('login_attempt')
    .columns(['account', 'at'])
    .execute();
  await db.schema.createIndex('login_attempt_at').on('login_attempt').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['login_attempt', 'audit_log', 'session']) {
    await db.schema.dropTable(t).execute();
  }
}
