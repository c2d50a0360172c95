/** `npm run ovoz -- user …` as a person runs it: a child process on a temporary database. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, testApp } from '../helpers/app.js';
import { bundled } from '../helpers/bundle.js';
import { databaseUrlFor } from '../helpers/database.js';
import { ROOT, TEST_CHECK_BUDGET, tempDir } from '../helpers/server.js';

const run = promisify(execFile);

let dir: string;
let databaseUrl: string;

beforeAll(async () => {
  dir = tempDir('ovoz-cli-');
  databaseUrl = await databaseUrlFor(dir);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI; never throws: returns the exit code and output. */
async function ovoz(args: string[], env: Record<string, string> = {}) {
  const { OVOZ_PASSWORD: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [await bundled('server/cli.ts'), ...args],
      {
        cwd: ROOT,
        env: {
          ...inherited,
          DATABASE_URL: databaseUrl,
          OVOZ_LOG: 'silent',
          ...TEST_CHECK_BUDGET,
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function loginWith(username: string, password: string) {
  const t = await testApp({ DATABASE_URL: databaseUrl });
  try {
    const res = await postJson(t.app, '/api/auth/login', { username, password });
    return { status: res.status, body: await res.json() };
  } finally {
    await t.close();
  }
}

describe('ovoz user …', () => {
  it('adds a manager (password from OVOZ_PASSWORD) on a new database, who can then sign in', async () => {
    const added = await ovoz(
      ['user', 'add', 'carol', '--role', 'manager', '--regions', 'UZ-SA,UZ-BU'],
      {
        OVOZ_PASSWORD: 'carol-password-123',
      },
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('created carol: manager (UZ-BU, UZ-SA)');

    const login = await loginWith('carol', 'carol-password-123');
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({
      username: 'carol',
      role: 'manager',
      regions: ['UZ-BU', 'UZ-SA'],
    });
  });

  it('adds a user with --password', async () => {
    const added = await ovoz([
      'user',
      'add',
      'dilnoza',
      '--role',
      'sociologist',
      '--password',
      'dilnoza-password-1',
    ]);
    expect(added.code).toBe(0);
    expect((await loginWith('dilnoza', 'dilnoza-password-1')).status).toBe(200);
  });

  it('fails clearly when there is no password and no terminal to ask on', async () => {
    const res = await ovoz(['user', 'add', 'erkin', '--role', 'admin']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no password: pass --password, set OVOZ_PASSWORD/);
  });

  it('refuses a duplicate, an unknown region, a short password and an unknown command', async () => {
    const env = { OVOZ_PASSWORD: 'long-enough-password' };
    const dup = await ovoz(['user', 'add', 'carol', '--role', 'admin'], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const region = await ovoz(
      ['user', 'add', 'farrukh', '--role', 'manager', '--regions', 'UZ-XX'],
      env,
    );
    expect(region.code).toBe(1);
    expect(region.stderr).toMatch(/unknown region code: UZ-XX/);
    const short = await ovoz(['user', 'add', 'farrukh', '--role', 'admin', '--password', 'short']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 12 characters/);
    const unknown = await ovoz(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });

  it('lists users, changes a password, removes a user, and audits each change as cli', async () => {
    const list = await ovoz(['user', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^carol\s+manager\s+UZ-BU,UZ-SA\s/m);
    expect(list.stdout).toMatch(/^dilnoza\s+sociologist\s+\*\s/m);

    const changed = await ovoz(['user', 'password', 'carol'], {
      OVOZ_PASSWORD: 'carol-new-password',
    });
    expect(changed.code).toBe(0);
    expect((await loginWith('carol', 'carol-password-123')).status).toBe(401);
    expect((await loginWith('carol', 'carol-new-password')).status).toBe(200);

    const removed = await ovoz(['user', 'remove', 'dilnoza']);
    expect(removed.code).toBe(0);
    expect((await loginWith('dilnoza', 'dilnoza-password-1')).status).toBe(401);
    expect((await ovoz(['user', 'remove', 'dilnoza'])).code).toBe(1);

    const t = await testApp({ DATABASE_URL: databaseUrl });
    try {
      const rows = await t.booted.deps.db
        .selectFrom('audit_log')
        .select(['username', 'action', 'target'])
        .where('username', '=', 'cli')
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { username: 'cli', action: 'user.create', target: 'carol' },
        { username: 'cli', action: 'user.create', target: 'dilnoza' },
        { username: 'cli', action: 'user.password', target: 'carol' },
        { username: 'cli', action: 'user.remove', target: 'dilnoza' },
      ]);
      expect(
        JSON.stringify(await t.booted.deps.db.selectFrom('audit_log').selectAll().execute()),
      ).not.toMatch(/password-/);
    } finally {
      await t.close();
    }
  });
});
