/**
 * A consistent copy of the SQLite database, safe while the server runs and takes submissions.
 * `VACUUM INTO` copies one read snapshot (WAL readers do not block writers, and unlike the
 * page-by-page backup API it never restarts when another process commits). The copy is written
 * next to the target, synced to disk, checked with `integrity_check`, and only then renamed, so
 * the target is either absent or a whole, checked backup. Restore: stop the server and start it
 * with `DATABASE_URL=sqlite:FILE` (or copy FILE over the database while the server is stopped).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './driver.js';
import { StorageConfigError } from '../../errors.js';
import type { BackupResult } from '../../storage.js';
import { BUSY_TIMEOUT_MS } from './connection.js';

function fsyncPath(file: string, flags: string): void {
  const fd = fs.openSync(file, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies the database at `source` to `target` (which must not exist). */
export function backupSqlite(source: string, target: string): BackupResult {
  if (path.resolve(target) === path.resolve(source)) {
    throw new StorageConfigError('the backup must be another file than the database');
  }
  if (fs.existsSync(target))
    throw new StorageConfigError(`${target} exists; choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.close();
  }
  try {
    fsyncPath(partial, 'r+');
    const copy = new SqliteDatabase(partial, { readonly: true, fileMustExist: true });
    let responses: number;
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails integrity_check: ${String(check)}`);
      responses = (copy.prepare('select count(*) n from response').get() as { n: number }).n;
    } finally {
      copy.close();
    }
    if (fs.existsSync(target))
      throw new StorageConfigError(`${target} appeared while the backup ran`);
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(path.resolve(target)), 'r');
    return { responses, bytes: fs.statSync(target).size };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
