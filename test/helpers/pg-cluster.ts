/**
 * A real PostgreSQL server for tests and benchmarks: Debian's PostgreSQL binaries, a new cluster
 * made with `initdb` in a temporary directory, started with `pg_ctl` on a free local port and
 * stopped (and deleted) at the end. Run as an unprivileged user: when the tests run as root (CI
 * containers), the cluster belongs to the `postgres` system user that Debian's package creates.
 *
 * Connections over TCP need the password (scram-sha-256), so wrong-password handling is real.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PG_SUPERUSER = 'ovoz_admin';
export const PG_PASSWORD = 'ovoz-test-password';

export interface PgCluster {
  /** A connection string to the cluster's `postgres` database. */
  url: string;
  port: number;
  dir: string;
  /** The connection string of another database on the same server. */
  urlOf(database: string): string;
  /** Stops the server at once, as a crash would; `resume()` starts it again on the same data. */
  halt(): void;
  resume(): void;
  /** Stops the server and deletes its data. */
  stop(): void;
}

/** The directory of PostgreSQL's server programs: Debian keeps them off PATH. */
export function pgBinDir(): string {
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(debian, versions[0]!, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim());
  throw new Error(
    'PostgreSQL server programs (initdb, pg_ctl) not found: install Debian\'s "postgresql" package ' +
      '(apt-get install -y postgresql)',
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program as the cluster's owner. */
function runAs(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovoz-pg-'));
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, `${PG_PASSWORD}\n`);
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
    fs.chownSync(pwfile, uid, gid);
  }
  runAs(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    PG_SUPERUSER,
    '--pwfile',
    pwfile,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c max_connections=200',
    '-c shared_buffers=128MB',
    // The durability Ovoz promises: a commit is on disk before it is acknowledged.
    '-c fsync=on',
    '-c synchronous_commit=on',
  ].join(' ');
  const pgCtl = (...args: string[]) => runAs(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const start = () => pgCtl('-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start');
  start();
  const urlOf = (database: string) =>
    `postgres://${PG_SUPERUSER}:${PG_PASSWORD}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url: urlOf('postgres'),
    port,
    dir,
    urlOf,
    halt: () => pgCtl('-m', 'immediate', '-w', 'stop'),
    resume: start,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } catch {
        // already stopped
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
