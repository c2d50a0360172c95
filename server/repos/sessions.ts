/** Session rows, keyed by the sha256 of the session id (the raw id is only in the cookie). */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';

export interface SessionRow {
  id_hash: string;
  created_at: number;
  last_seen_at: number;
  user_id: number;
  username: string;
  role: Role;
  regions: string | null;
}

export async function insertSession(
  db: Kysely<Database>,
  idHash: string,
  userId: number,
  now: number,
): Promise<void> {
  await db
    .insertInto('session')
    .values({ id_hash: idHash, user_id: userId, created_at: now, last_seen_at: now })
    .execute();
}

/** The session with its user, or undefined. */
export async function findSession(
  db: Kysely<Database>,
  idHash: string,
): Promise<SessionRow | undefined> {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id_hash',
      'session.created_at',
      'session.last_seen_at',
      'session.user_id',
      'app_user.username',
      'app_user.role',
      'app_user.regions',
    ])
    .where('session.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, idHash: string, now: number) {
  await db
    .updateTable('session')
    .set({ last_seen_at: now })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user (password changed, user removed). */
export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

/** Removes sessions idle since `idleBefore` or created before `createdBefore`. */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  idleBefore: number,
  createdBefore: number,
): Promise<void> {
  await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([eb('last_seen_at', '<=', idleBefore), eb('created_at', '<=', createdBefore)]),
    )
    .execute();
}
