/**
 * Managing users, shared by the admin API and the CLI: the rules for a new user, and every change
 * written to the audit log.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Role } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { audit, type Actor } from '../repos/audit.js';
import { deleteUserSessions } from '../repos/sessions.js';
import {
  countAdmins,
  createUser,
  deleteUser,
  findUserByUsername,
  isUniqueViolation,
  setUserPassword,
} from '../repos/users.js';
import { MIN_PASSWORD_LENGTH } from './password.js';

export const ROLES = ['admin', 'sociologist', 'manager'] as const satisfies readonly Role[];
export const MAX_PASSWORD_LENGTH = 1024;

export const usernameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,63}$/,
    '2 to 64 characters: lower-case letters, digits, dot, hyphen, underscore',
  );

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

export const newUserSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: z.enum(ROLES),
  regions: z.array(z.string().max(16)).max(64).optional(),
});

export type NewUserInput = z.infer<typeof newUserSchema>;

/** What the API shows of a user: never the password hash. */
export interface PublicUser {
  username: string;
  role: Role;
  regions: string[] | null;
}

export function parseRegions(stored: string | null): string[] | null {
  return stored === null ? null : (JSON.parse(stored) as string[]);
}

const invalid = (name: string, message: string) =>
  new AppError('InvalidBody', message, [{ name, message }]);

async function checkRegions(db: Kysely<Database>, role: Role, regions: string[] | undefined) {
  const given = [...new Set(regions ?? [])];
  if (role !== 'manager') {
    if (given.length) throw invalid('regions', 'regions apply only to managers');
    return null;
  }
  if (!given.length) throw invalid('regions', 'a manager needs at least one region');
  const known = await db.selectFrom('region').select('code').where('code', 'in', given).execute();
  const knownCodes = new Set(known.map((r) => r.code));
  const unknown = given.filter((code) => !knownCodes.has(code));
  if (unknown.length) throw invalid('regions', `unknown region code: ${unknown.join(', ')}`);
  return given.sort();
}

/** Creates a user after checking the rules; 409 UsernameTaken when the name is in use. */
export async function addUser(
  db: Kysely<Database>,
  input: NewUserInput,
  actor: Actor,
): Promise<PublicUser> {
  const regions = await checkRegions(db, input.role, input.regions);
  const taken = () =>
    new AppError('UsernameTaken', `a user named ${input.username} already exists`, [
      { name: 'username', message: 'already taken' },
    ]);
  if (await findUserByUsername(db, input.username)) throw taken();
  let row;
  try {
    row = await createUser(db, { ...input, regions });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
  const user = { username: row.username, role: row.role, regions: parseRegions(row.regions) };
  await audit(db, actor, 'user.create', user.username, { role: user.role, regions: user.regions });
  return user;
}

async function existing(db: Kysely<Database>, username: string) {
  const user = await findUserByUsername(db, username);
  if (!user) throw new AppError('NotFound', `no user named ${username}`);
  return user;
}

/** Removes a user and ends their sessions. The last admin cannot be removed. */
export async function removeUser(db: Kysely<Database>, username: string, actor: Actor) {
  const user = await existing(db, username);
  if (user.role === 'admin' && (await countAdmins(db)) <= 1) {
    throw new AppError('BadRequest', `${username} is the last admin and cannot be removed`);
  }
  await deleteUserSessions(db, user.id);
  await deleteUser(db, user.id);
  await audit(db, actor, 'user.remove', username, { role: user.role });
}

/** Sets a new password and ends the user's sessions, so a leaked session dies with the old one. */
export async function changePassword(
  db: Kysely<Database>,
  username: string,
  password: string,
  actor: Actor,
) {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw invalid('password', parsed.error.issues[0]?.message ?? 'invalid');
  const user = await existing(db, username);
  await setUserPassword(db, user.id, password);
  await deleteUserSessions(db, user.id);
  await audit(db, actor, 'user.password', username, null);
}
