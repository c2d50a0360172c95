/**
 * The SQLite connection: WAL mode with synchronous=FULL, so a committed transaction is on disk;
 * a busy timeout for another process's write lock; foreign keys on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './driver.js';

/** Milliseconds a writer waits for another process's write lock before giving up with 503. */
export const BUSY_TIMEOUT_MS = 5000;

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
