/**
 * Opens the database named by DATABASE_URL. SQLite (better-sqlite3) is the embedded default,
 * opened in WAL mode with synchronous=FULL so a committed transaction is on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  /** The raw SQLite connection, for the group-commit writer and backups. */
  sqlite: SqliteDatabase.Database;
  /** The SQLite file, or ':memory:'. */
  file: string;
  close(): Promise<void>;
}

/** Milliseconds a writer waits for another process's write lock before giving up with 503. */
export const BUSY_TIMEOUT_MS = 5000;

export function sqlitePathOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite:')) {
    throw new Error(
      `DATABASE_URL ${databaseUrl.split(':')[0]}: only sqlite:PATH is supported by this build; see README "From SQLite to PostgreSQL"`,
    );
  }
  return databaseUrl.slice('sqlite:'.length);
}

export interface SqliteOptions {
  /** Default BUSY_TIMEOUT_MS; tests shorten it (the wait blocks the event loop). */
  busyTimeoutMs?: number | undefined;
  /** Tests only: PRAGMA max_page_count, so the database can be "full" without a full disk. */
  maxPageCount?: number | undefined;
}

export function openSqlite(file: string, options: SqliteOptions = {}): SqliteDatabase.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 8000');
  if (options.maxPageCount !== undefined) sqlite.pragma(`max_page_count = ${options.maxPageCount}`);
  return sqlite;
}

export function openDatabase(databaseUrl: string, options: SqliteOptions = {}): DatabaseHandle {
  const file = sqlitePathOf(databaseUrl);
  const sqlite = openSqlite(file, options);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    file,
    // Kysely's SQLite driver closes the better-sqlite3 connection it was given.
    close: () => db.destroy(),
  };
}
