/**
 * Frozen: never edit a migration that has shipped; add a new dated one instead.
 * Migrations take Kysely<any> and import nothing from the app.
 *
 * Webhooks (docs/webhooks.md): endpoints admins register; an outbox the transaction that caused
 * an event writes into (one row per ingest batch, not per response); the deliveries it fans out
 * to, each with its idempotency key, attempts and next try; and notices, what was already told
 * (a wave closed, a group found below overall) so it is told once. Times are ms since the epoch.
 */
import type { Kysely } from 'kysely';
import { identity, int64 } from './portable.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoint')
    .addColumn('id', 'integer', identity(db))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', int64(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_outbox')
    .addColumn('id', 'integer', identity(db))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', int64(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'integer', identity(db))
    .addColumn('endpoint_id', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_at', int64(db), (c) => c.notNull())
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', int64(db), (c) => c.notNull())
    .addColumn('delivered_at', int64(db))
    .addUniqueConstraint('webhook_delivery_event', ['endpoint_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('webhook_delivery_due')
    .on('webhook_delivery')
    .columns(['status', 'next_at'])
    .execute();
  await db.schema
    .createTable('webhook_notice')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('at', int64(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['webhook_notice', 'webhook_delivery', 'webhook_outbox', 'webhook_endpoint']) {
    await db.schema.dropTable(t).execute();
  }
}
