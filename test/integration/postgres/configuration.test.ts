/**
 * A misconfigured DATABASE_URL stops the server at once with one line that names what to fix,
 * never a stack trace: an unknown scheme, a server that is not there, a wrong password, a database
 * that does not exist, and a database written by a newer Ovoz.
 */
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bundled } from '../../helpers/bundled-server.js';
import { createPgDatabase, pgAdminUrl, withDb } from '../../helpers/database.js';
import { freePort } from '../../helpers/pg-cluster.js';
import { ROOT, serverEnv, startServer, tempDir } from '../../helpers/server.js';

/** Starts the server and waits for it to exit; what it wrote and its exit code. */
async function refusedStart(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [await bundled('server/index.ts')], {
    cwd: ROOT,
    env: serverEnv(databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  return { code, output: output.trim() };
}

const withPart = (part: 'password' | 'port' | 'pathname', value: string) => {
  const url = new URL(pgAdminUrl());
  url[part] = value;
  return url.href;
};

describe('a DATABASE_URL that cannot work', () => {
  it.each([
    ['an unknown scheme', 'mysql://ovoz@localhost/ovoz', /DATABASE_URL.*unknown scheme/],
    [
      'a wrong password',
      () => withPart('password', 'not-the-password'),
      /refused the user name or password/,
    ],
    [
      'a database that does not exist',
      () => withPart('pathname', '/no_such_database'),
      /does not exist/,
    ],
  ] as const)('%s: one line naming it, exit 1', async (_name, url, message) => {
    const { code, output } = await refusedStart(typeof url === 'function' ? url() : url);
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output.split('\n')).toHaveLength(1);
    // The password never appears in what is printed.
    expect(output).not.toContain('ovoz-test-password');
  });

  it('a server that is not there: one line naming it, exit 1', async () => {
    const { code, output } = await refusedStart(withPart('port', String(await freePort())));
    expect(code).toBe(1);
    expect(output).toMatch(/no PostgreSQL server answers there/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('a database written by a newer Ovoz: one line saying so, exit 1, nothing changed', async () => {
    const databaseUrl = await createPgDatabase();
    const server = await startServer({ dir: tempDir(), databaseUrl });
    expect(await server.stop()).toBe(0);
    await withDb(databaseUrl, async (db) => {
      await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01-01-future', '2099-01-01T00:00:00Z')`.execute(
        db,
      );
    });
    const { code, output } = await refusedStart(databaseUrl);
    expect(code).toBe(1);
    expect(output).toMatch(/written by a newer Ovoz.*2099-01-01-01-future/);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
