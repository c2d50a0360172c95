import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function getSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * The key for signed links and one-time tokens: OVOZ_SECRET when set, otherwise one generated on
 * first start and kept in the database so links stay valid across restarts.
 */
export async function resolveSecret(db: Kysely<Database>, configured?: string): Promise<string> {
  if (configured) return configured;
  const stored = await getSetting(db, 'secret');
  if (stored) return stored;
  const secret = randomBytes(32).toString('base64url');
  await db
    .insertInto('setting')
    .values({ key: 'secret', value: secret })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting(db, 'secret')) ?? secret;
}
