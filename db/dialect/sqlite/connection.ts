/**
 * The SQLite connection: WAL mode with synchronous=FULL, so a committed transaction is on disk;
 * a busy timeout for another process's write lock; foreign keys on. `walSync` lets a transaction
 * commit without waiting for the disk and be made as durable off the event loop (see there).
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

/**
 * Commits `write`'s transaction as synchronous=FULL would, without blocking the event loop while
 * the disk syncs: the transaction commits with synchronous=NORMAL (in WAL mode: its frames are
 * written to the WAL, not synced), and the returned promise resolves once the WAL file has been
 * synced (fsync in libuv's thread pool) — from then on the transaction survives a power loss,
 * exactly what FULL guarantees at commit. Meanwhile the server goes on reading and validating
 * requests. A WAL replaced since it was opened (the database closed and opened again by another
 * process) is opened again. In-memory databases have nothing to sync.
 */
export function walSync(
  sqlite: SqliteDatabase.Database,
): <T>(write: () => T) => { result: T; synced: Promise<void> } {
  const file = sqlite.name;
  const wal = `${file}-wal`;
  let fd: number | null = null;
  let inode = -1;
  const open = () => {
    const now = fs.statSync(wal).ino;
    if (fd !== null && now === inode) return fd;
    if (fd !== null) fs.closeSync(fd);
    fd = fs.openSync(wal, 'r');
    inode = fs.fstatSync(fd).ino;
    return fd;
  };
  return (write) => {
    if (sqlite.memory) return { result: write(), synced: Promise.resolve() };
    sqlite.pragma('synchronous = NORMAL');
    let result;
    try {
      result = write();
    } finally {
      sqlite.pragma('synchronous = FULL');
    }
    const handle = open();
    const synced = new Promise<void>((resolve, reject) =>
      fs.fsync(handle, (err) => (err ? reject(err) : resolve())),
    );
    return { result, synced };
  };
}
