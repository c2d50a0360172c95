/**
 * `ovoz backup FILE` on PostgreSQL: PostgreSQL's own `pg_dump` (custom format, restore with
 * `pg_restore`), of one snapshot exported from a read-only transaction, so the dump and the
 * response count it reports are the same state of the database while submissions go on. The dump
 * is written next to FILE, checked by `pg_restore --list`, synced and only then renamed to FILE.
 * For continuous protection (replicas, point-in-time recovery) use the server's WAL archiving and
 * `pg_basebackup`: see the README.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { pg } from './driver.js';
import { StorageConfigError } from '../../errors.js';
import type { BackupResult } from '../../storage.js';

/** `pg_dump` and `pg_restore` of the newest PostgreSQL on the machine (Debian keeps several). */
function pgTool(name: string): string {
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => fs.existsSync(path.join(debian, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(debian, versions[0]!, 'bin', name);
  }
  return name;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) =>
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new StorageConfigError(
              `${cmd} not found: install PostgreSQL's client programs (Debian: postgresql-client)`,
            )
          : e,
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)}: ${err.trim() || code}`)),
    );
  });
}

export async function backupPostgres(
  pool: pg.Pool,
  connectionString: string,
  target: string,
): Promise<BackupResult> {
  if (fs.existsSync(target))
    throw new StorageConfigError(`${target} exists; choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const url = new URL(connectionString);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  url.password = '';
  const partial = `${target}.partial-${process.pid}`;
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s'))
      .rows[0]!.s;
    const responses = Number(
      (await client.query<{ n: string }>('select count(*) as n from response')).rows[0]!.n,
    );
    await run(
      pgTool('pg_dump'),
      ['--format=custom', `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${url.href}`],
      env,
    );
    await client.query('commit');
    await run(pgTool('pg_restore'), ['--list', partial], env);
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (fs.existsSync(target))
      throw new StorageConfigError(`${target} appeared while the backup ran`);
    fs.renameSync(partial, target);
    return { responses, bytes: fs.statSync(target).size };
  } finally {
    client.release();
    fs.rmSync(partial, { force: true });
  }
}
