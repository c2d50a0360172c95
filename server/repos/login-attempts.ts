/** Failed (and in-flight) sign-in attempts per account, for the throttle in server/auth/throttle.ts. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function insertAttempt(
  db: Kysely<Database>,
  account: string,
  at: number,
): Promise<number> {
  const row = await db
    .insertInto('login_attempt')
    .values({ account, at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Times of the other attempts on `account` since `since`, newest first, at most `limit`. */
export async function recentAttempts(
  db: Kysely<Database>,
  account: string,
  since: number,
  except: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('login_attempt')
    .select('at')
    .where('account', '=', account)
    .where('at', '>', since)
    .where('id', '!=', except)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

export async function deleteAttempt(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('login_attempt').where('id', '=', id).execute();
}

export async function clearAttempts(db: Kysely<Database>, account: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('account', '=', account).execute();
}

export async function pruneAttempts(db: Kysely<Database>, before: number): Promise<void> {
  await db.deleteFrom('login_attempt').where('at', '<=', before).execute();
}
