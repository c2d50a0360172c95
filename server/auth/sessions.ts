/**
 * Sessions: a random 32-byte id in the `ovoz_session` cookie; the database keeps only its sha256,
 * so a copy of the database cannot be used to sign in. A session ends after 30 minutes without a
 * request, 12 hours after sign-in, at sign-out, or when the user's password changes.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Config } from '../config.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from '../repos/sessions.js';
import { sha256 } from '../survey/canonical.js';
import type { SessionUser } from './types.js';

export const SESSION_COOKIE = 'ovoz_session';
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, so reading pages does not mean writing the database. */
export const TOUCH_INTERVAL_MS = 60_000;

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionId(id: string): string {
  return sha256(id);
}

/** Starts a session and returns the raw id (for the cookie only). A new id at every sign-in. */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: number,
): Promise<string> {
  await deleteExpiredSessions(db, now - IDLE_TIMEOUT_MS, now - ABSOLUTE_TIMEOUT_MS);
  const id = randomBytes(32).toString('base64url');
  await insertSession(db, hashSessionId(id), userId, now);
  return id;
}

/** The signed-in user of a session id, refreshing its idle timer; null if unknown or expired. */
export async function lookupSession(
  db: Kysely<Database>,
  id: string,
  now: number,
): Promise<SessionUser | null> {
  if (!ID_PATTERN.test(id)) return null;
  const idHash = hashSessionId(id);
  const row = await findSession(db, idHash);
  if (!row) return null;
  if (now - row.last_seen_at >= IDLE_TIMEOUT_MS || now - row.created_at >= ABSOLUTE_TIMEOUT_MS) {
    await deleteSession(db, idHash);
    return null;
  }
  if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) await touchSession(db, idHash, now);
  return {
    id: row.user_id,
    username: row.username,
    role: row.role,
    regions: row.regions === null ? null : (JSON.parse(row.regions) as string[]),
  };
}

export async function destroySession(db: Kysely<Database>, id: string): Promise<void> {
  if (ID_PATTERN.test(id)) await deleteSession(db, hashSessionId(id));
}

function cookieOptions(config: Config) {
  return {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.publicUrl.startsWith('https:'),
  } as const;
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context, id: string, config: Config): void {
  setCookie(c, SESSION_COOKIE, id, {
    ...cookieOptions(config),
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(config));
}
