/**
 * From SQLite to PostgreSQL: `ovoz copy` moves a whole database and verifies every table, and the
 * reports read from the copy are the same, figure for figure, as from the original — exact ones,
 * and protected ones, whose frozen blocks, record keys and perturbation table the copy carries. And a
 * PostgreSQL backup (`ovoz backup FILE`, pg_dump of one snapshot) restores with pg_restore.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { boot, type Booted } from '../../../server/boot.js';
import { parseConfig } from '../../../server/config.js';
import { freezeClosed } from '../../../server/anonymity/freeze.js';
import { loadDemo } from '../../../server/demo/generate.js';
import { runCli } from '../../helpers/bundled-server.js';
import { createPgDatabase, withDb } from '../../helpers/database.js';
import { pgBinDir, PG_PASSWORD } from '../../helpers/pg-cluster.js';
import { ADMIN_PASSWORD, ROOT, TEST_CHECK_BUDGET, tempDir } from '../../helpers/server.js';
import { signIn } from '../../helpers/session.js';

const configOf = (databaseUrl: string) =>
  parseConfig({
    DATABASE_URL: databaseUrl,
    OVOZ_ADMIN_PASSWORD: ADMIN_PASSWORD,
    OVOZ_SURVEYS_DIR: path.join(ROOT, 'surveys'),
    OVOZ_SECRET: 'copy-test-secret-copy-test-secret-0123456789',
    OVOZ_LOG: 'silent',
    ...TEST_CHECK_BUDGET,
  });

let sqliteUrl: string;
let pgUrl: string;
let original: Booted;

beforeAll(async () => {
  sqliteUrl = `sqlite:${path.join(tempDir(), 'ovoz.db')}`;
  original = await boot(configOf(sqliteUrl));
  await loadDemo(
    { storage: original.storage, utcOffsetMinutes: 300 },
    { responses: 1500, end: '2026-10-31', validate: 100 },
  );
  // The closed months' protected blocks, frozen before the copy.
  await freezeClosed(original.deps);
  pgUrl = await createPgDatabase();
}, 120_000);
afterAll(async () => {
  await original?.storage.close();
});

const REPORTS = [
  'satisfaction?survey=social-services&groupBy=region',
  'indicators?survey=social-services&groupBy=region,sector',
  'bottlenecks?survey=social-services&groupBy=region',
  'trend?survey=social-services&groupBy=month',
  'indicators?survey=social-services&groupBy=provider&from=2026-03-15&to=2026-08-20',
].flatMap((q) => [q, `${q}&exact=1`]);

describe('ovoz copy sqlite:… postgres://…', () => {
  it('copies every table, verifies the counts, and the reports match figure for figure', async () => {
    const cli = await runCli(sqliteUrl, ['copy', sqliteUrl, pgUrl]);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/every table verified \([\d,]+ rows in [\d.]+ s, [\d,]+ rows\/s\)/);
    expect(cli.stdout).toMatch(/response\s+1500 →\s+1500/);
    expect(cli.stdout).not.toContain(PG_PASSWORD);
    // The copy leaves the planner's statistics behind (a manual ANALYZE, not autovacuum's).
    const analyzed = await withDb(pgUrl, async (db) =>
      (
        await sql<{ relname: string }>`select relname from pg_stat_user_tables
          where last_analyze is not null and relname in ('response', 'rollup_cell', 'rollup_answer')
          order by relname`.execute(db)
      ).rows.map((r) => r.relname),
    );
    expect(analyzed).toEqual(['response', 'rollup_answer', 'rollup_cell']);

    const copy = await boot(configOf(pgUrl));
    try {
      const apps = [createApp(original.deps), createApp(copy.deps)];
      const cookies = [await signIn(apps[0]!), await signIn(apps[1]!)];
      for (const q of REPORTS) {
        const [x, y] = await Promise.all(
          apps.map((app, i) =>
            app.request(`/api/reports/${q}`, { headers: { cookie: cookies[i]! } }),
          ),
        );
        expect(x!.status, q).toBe(200);
        expect(y!.status, q).toBe(200);
        expect(await y!.json(), q).toEqual(await x!.json());
      }
      // New rows continue the copied ids.
      const before = await copy.deps.db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const res = await apps[1]!.request('/api/admin/users', {
        method: 'POST',
        headers: { cookie: cookies[1]!, 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'aftercopy',
          password: 'a-long-enough-password',
          role: 'sociologist',
        }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const after = await copy.deps.db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(after.id).toBeGreaterThan(before!.id);
    } finally {
      await copy.storage.close();
    }
  }, 120_000);

  it('refuses to copy into a database that holds data', async () => {
    const cli = await runCli(sqliteUrl, ['copy', sqliteUrl, pgUrl]);
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toMatch(/already holds data/);
  });
});

describe('ovoz backup FILE on PostgreSQL', () => {
  it('writes a pg_dump of one snapshot that pg_restore loads into a new database', async () => {
    const file = path.join(tempDir(), 'ovoz.dump');
    const cli = await runCli(pgUrl, ['backup', file]);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/1500 responses/);

    const restored = await createPgDatabase('ovoz_restored');
    const url = new URL(restored);
    execFileSync(
      path.join(pgBinDir(), 'pg_restore'),
      ['--no-owner', `--dbname=${restored}`, file],
      {
        env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
      },
    );
    const count = (u: string) =>
      withDb(u, async (db) =>
        Number(
          (
            await db
              .selectFrom('response')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    expect(await count(restored)).toBe(1500);
    expect(await count(pgUrl)).toBe(1500);
  }, 60_000);
});
