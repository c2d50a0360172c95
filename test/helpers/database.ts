/**
 * Which engine the integration tests run on, and a fresh database on it for each test app or
 * server. `OVOZ_TEST_ENGINE=postgres` (the `integration-postgres` project of vitest.config.ts)
 * runs the same suites on a real PostgreSQL server that test/global-postgres.ts starts for the run;
 * otherwise each database is a new SQLite file in the test's temporary directory. Tests look at
 * the database through Kysely (`withStorage`), never through a driver.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openStorage } from '../../db/dialect/index.js';
import type { Database } from '../../db/schema.js';
import type { Storage } from '../../db/storage.js';

export type TestEngine = 'sqlite' | 'postgres';

export const TEST_ENGINE: TestEngine =
  process.env.OVOZ_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export const onPostgres = TEST_ENGINE === 'postgres';

/** The PostgreSQL cluster's admin connection string, set by test/global-postgres.ts. */
export function pgAdminUrl(): string {
  const url = process.env.OVOZ_TEST_PG_URL;
  if (!url)
    throw new Error('OVOZ_TEST_PG_URL is not set: run the postgres project of vitest.config.ts');
  return url;
}

/** A new, empty database on the PostgreSQL server of `adminUrl`; its connection string. */
export async function createPgDatabaseOn(adminUrl: string, prefix = 'ovoz_test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = await openStorage(adminUrl);
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** A new, empty PostgreSQL database on the test cluster; its connection string. */
export function createPgDatabase(prefix = 'ovoz_test'): Promise<string> {
  return createPgDatabaseOn(pgAdminUrl(), prefix);
}

/**
 * The database of the test directory `dir`: its SQLite file, or a PostgreSQL database made the
 * first time and remembered in the directory, so a server restarted on `dir` finds its data.
 */
export async function databaseUrlFor(dir: string): Promise<string> {
  if (!onPostgres) return `sqlite:${path.join(dir, 'ovoz.db')}`;
  const remembered = path.join(dir, 'postgres-url');
  if (fs.existsSync(remembered)) return fs.readFileSync(remembered, 'utf8');
  const url = await createPgDatabase();
  fs.writeFileSync(remembered, url);
  return url;
}

/** Opens the database at `url` (already migrated by a server), runs `work`, closes it. */
export async function withStorage<T>(
  url: string,
  work: (storage: Storage) => Promise<T>,
): Promise<T> {
  const storage = await openStorage(url);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** `withStorage` for work that needs only the Kysely instance. */
export function withDb<T>(url: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return withStorage(url, (s) => work(s.db));
}

/** The column names of `table`, as the engine reports them (Kysely's introspection). */
export async function tableColumns(db: Kysely<Database>, table: string): Promise<string[]> {
  const found = (await db.introspection.getTables()).find((t) => t.name === table);
  if (!found) throw new Error(`no table ${table}`);
  return found.columns.map((c) => c.name);
}

/** The tables that foreign keys of `table` refer to, from the engine's own catalogue. */
export async function foreignKeyTargets(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = onPostgres
    ? await sql<{ target: string }>`select ccu.table_name as target
        from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu
          on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${table}`.execute(db)
    : await sql<{ target: string }>`select "table" as target
        from pragma_foreign_key_list(${table})`.execute(db);
  return rows.map((r) => r.target);
}
