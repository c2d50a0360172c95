/** Sign-in failures per throttled key, for server/auth/throttle.ts: plain functions over Kysely. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface ThrottleRow {
  key: string;
  failures: number;
  blockedUntil: number;
}

/** Forgets keys without a failure since `before` whose block has ended. */
export async function pruneThrottle(db: Kysely<Database>, before: number, now: number) {
  await db
    .deleteFrom('sign_in_throttle')
    .where('updated_at', '<', before)
    .where('blocked_until', '<=', now)
    .execute();
}

/** The keys among `keys` that are blocked at `now`. */
export async function blockedKeys(
  db: Kysely<Database>,
  keys: string[],
  now: number,
): Promise<ThrottleRow[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select(['key', 'failures', 'blocked_until'])
    .where('key', 'in', keys)
    .where('blocked_until', '>', now)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    blockedUntil: Number(r.blocked_until),
  }));
}

/**
 * Counts one more failure for `key`, atomically, unless it is blocked: the new count, or null
 * when a block came first.
 */
export async function countFailure(
  db: Kysely<Database>,
  key: string,
  now: number,
): Promise<number | null> {
  await db
    .insertInto('sign_in_throttle')
    .values({ key, failures: 0, blocked_until: 0, updated_at: now, reported_until: 0 })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .updateTable('sign_in_throttle')
    .set({ failures: sql`failures + 1`, updated_at: now })
    .where('key', '=', key)
    .where('blocked_until', '<=', now)
    .returning('failures')
    .executeTakeFirst();
  return row ? row.failures : null;
}

/** Blocks `key` until `until` (never shortening a longer block). */
export async function blockKey(db: Kysely<Database>, key: string, until: number) {
  await db
    .updateTable('sign_in_throttle')
    .set({ blocked_until: until })
    .where('key', '=', key)
    .where('blocked_until', '<', until)
    .execute();
}

/** Forgets `key` (a successful sign-in). */
export async function clearKey(db: Kysely<Database>, key: string) {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}

/** Takes back one counted failure and ends the key's block (a successful sign-in from an address). */
export async function releaseKey(db: Kysely<Database>, key: string) {
  await db
    .updateTable('sign_in_throttle')
    .set({
      failures: sql`case when failures > 0 then failures - 1 else 0 end`,
      blocked_until: 0,
    })
    .where('key', '=', key)
    .execute();
}

/** True for exactly one caller per block: the first refused attempt of a block is reported. */
export async function markReported(db: Kysely<Database>, key: string, until: number) {
  const row = await db
    .updateTable('sign_in_throttle')
    .set({ reported_until: until })
    .where('key', '=', key)
    .where('reported_until', '<', until)
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
