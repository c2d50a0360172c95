/**
 * `backup FILE`: a consistent copy of the SQLite database, safe while the server runs and takes
 * submissions. `VACUUM INTO` copies one read snapshot (WAL readers do not block writers, and
 * unlike the page-by-page backup API it never restarts when another process commits). The copy is
 * written next to FILE, synced to disk, checked with `integrity_check`, and only then renamed to
 * FILE, so FILE is either absent or a whole, checked backup. Restore: stop the server and start it
 * with `DATABASE_URL=sqlite:FILE` (or copy FILE over the database while the server is stopped).
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, sqlitePathOf } from '../../db/client.js';
import { UsageError, type CliCommand } from './types.js';

function fsyncPath(file: string, flags: string): void {
  const fd = fs.openSync(file, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies the database at `source` to `target` (which must not exist); returns the response count. */
export function backupDatabase(
  source: string,
  target: string,
): { responses: number; bytes: number } {
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
    if (fs.existsSync(target)) throw new UsageError(`${target} appeared while the backup ran`);
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(path.resolve(target)), 'r');
    return { responses, bytes: fs.statSync(target).size };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

const backup: CliCommand = {
  name: 'backup',
  usage: '<file>',
  summary: 'write a consistent, checked copy of the database to a new file (safe while serving)',
  async run(args, ctx) {
    if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('give one file name');
    const target = path.resolve(args[0]!);
    const source = path.resolve(sqlitePathOf(ctx.config.databaseUrl));
    if (target === source)
      throw new UsageError('the backup must be another file than the database');
    if (fs.existsSync(target)) throw new UsageError(`${target} exists; choose a new file name`);
    if (!fs.existsSync(source)) throw new UsageError(`no database at ${source}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const started = Date.now();
    const { responses, bytes } = backupDatabase(source, target);
    ctx.out(
      `backup written to ${target}: ${responses} responses, ${(bytes / 1048576).toFixed(1)} MB, ` +
        `integrity ok, in ${Date.now() - started} ms`,
    );
  },
};

export const backupCommands: CliCommand[] = [backup];
