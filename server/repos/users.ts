import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { AppError } from '../errors.js';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  regions?: string[] | null;
}

export async function createUser(db: Kysely<Database>, user: NewUser, now = new Date()) {
  if (user.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'InvalidBody',
      `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      [{ name: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` }],
    );
  }
  const regions =
    user.role === 'manager' && user.regions?.length ? JSON.stringify(user.regions) : null;
  return db
    .insertInto('app_user')
    .values({
      username: user.username,
      password_hash: await hashPassword(user.password),
      role: user.role,
      regions,
      created_at: now.toISOString(),
    })
    .returning(['id', 'username', 'role', 'regions'])
    .executeTakeFirstOrThrow();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * On first start with no users, creates `admin` with OVOZ_ADMIN_PASSWORD, or with a generated
 * password that is returned so it can be printed once.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  configuredPassword?: string,
): Promise<{ generatedPassword?: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = configuredPassword ?? generatePassword();
  await createUser(db, { username: 'admin', password, role: 'admin' });
  return configuredPassword ? {} : { generatedPassword: password };
}

export interface UserSummary {
  id: number;
  username: string;
  role: Role;
  /** JSON array text, as stored. */
  regions: string | null;
  created_at: string;
}

export async function findUserByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>): Promise<UserSummary[]> {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'regions', 'created_at'])
    .orderBy('username')
    .execute();
}

export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes the user (their sessions go with them); false when there was no such user. */
export async function deleteUser(db: Kysely<Database>, id: number): Promise<boolean> {
  const res = await db.deleteFrom('app_user').where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

export async function setUserPassword(db: Kysely<Database>, id: number, password: string) {
  await db
    .updateTable('app_user')
    .set({ password_hash: await hashPassword(password) })
    .where('id', '=', id)
    .execute();
}

export { isUniqueViolation } from '../../db/dialect/index.js';
