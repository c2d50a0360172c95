/**
 * Disk full: the real server's database runs out of space during submissions. Every refusal is
 * 503 Unavailable with Retry-After, nothing is acknowledged without its row (and nothing refused
 * is stored), and the service resumes as soon as space returns, with no restart.
 *
 * Two ways to run out of space, both run where they can:
 * - a real full file system: the database on a small tmpfs mounted for the test (needs root and
 *   mount rights, as in CI; skipped where mounting fails);
 * - SQLite's own limit, PRAGMA max_page_count (OVOZ_TEST_MAX_PAGES), where the "disk" is full
 *   when the database file may not grow; space returns when rows are deleted. Not a full disk,
 *   but the same SQLITE_FULL error on the same code path; it runs everywhere.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startBundledServer } from '../helpers/bundled-server.js';
import { withDb } from '../helpers/database.js';
import { checkDatabase, newLog, submitOne, type BurstLog } from '../helpers/durability.js';
import { tempDir, type RunningServer } from '../helpers/server.js';

const servers: RunningServer[] = [];
const cleanups: Array<() => void> = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  for (const c of cleanups.reverse()) c();
});

/** A 16 MiB tmpfs under /mnt, or null where this machine does not allow mounting. */
function mountSmallFileSystem(): string | null {
  let dir: string;
  try {
    dir = fs.mkdtempSync('/mnt/ovoz-full-');
  } catch {
    return null;
  }
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'tmpfs', dir], {
      stdio: 'ignore',
    });
  } catch {
    fs.rmdirSync(dir);
    return null;
  }
  cleanups.push(() => {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    }
    fs.rmdirSync(dir);
  });
  return dir;
}

/** Submits in waves of 8 until one is refused (or 4000 tries). */
async function submitUntilRefused(base: string, log: BurstLog): Promise<void> {
  for (let i = 0; i < 500 && log.refused.size === 0; i++) {
    await Promise.all(Array.from({ length: 8 }, () => submitOne(base, log)));
  }
}

/** Submissions accepted before space runs out, which must survive it. */
async function submitBefore(base: string, log: BurstLog): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.all(Array.from({ length: 8 }, () => submitOne(base, log)));
  }
  expect([...log.statuses.keys()]).toEqual([201]);
}

/** The checks both ways of filling up share, once space has returned. */
async function expectRefusedThenResumed(
  server: RunningServer,
  log: BurstLog,
  freeSpace: () => void | Promise<void>,
) {
  expect(log.refused.size, 'the database never filled up').toBeGreaterThan(0);
  expect([...log.statuses.keys()].sort()).toEqual([201, 503]);
  expect(log.withoutRetryAfter).toBe(0);
  expect(log.unanswered).toBe(0);
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);

  await freeSpace();
  const after = newLog();
  for (let i = 0; i < 20; i++) expect(await submitOne(server.url, after)).toBe(201);

  expect(await server.stop()).toBe(0);
  const check = await checkDatabase(
    server.databaseUrl,
    [...log.acknowledged, ...after.acknowledged],
    log.refused.keys(),
  );
  expect(check.integrity).toBe('ok');
  expect(check.missing).toEqual([]);
  expect(check.present).toEqual([]);
  expect(check.rollupsMatchResponses).toBe(true);
  expect(check.perSurvey['quick-feedback']).toBe(log.acknowledged.size + after.acknowledged.size);
}

const mnt = mountSmallFileSystem();

describe('disk full', () => {
  it.skipIf(mnt === null)(
    'on a full file system (16 MiB tmpfs): 503 with Retry-After, no row lost, resumes when space returns',
    async () => {
      const dir = tempDir();
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      const server = await startBundledServer({
        dir,
        databaseUrl: `sqlite:${path.join(mnt!, 'ovoz.db')}`,
      });
      servers.push(server);
      const log = newLog();
      await submitBefore(server.url, log);
      // Fill what is left of the file system.
      const filler = path.join(mnt!, 'filler');
      const fd = fs.openSync(filler, 'w');
      for (const size of [1 << 20, 1 << 12, 1 << 9]) {
        const chunk = Buffer.alloc(size, 1);
        try {
          for (;;) fs.writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        }
      }
      fs.closeSync(fd);

      await submitUntilRefused(server.url, log);
      await expectRefusedThenResumed(server, log, () => fs.rmSync(filler));
    },
    50_000,
  );

  it('at SQLite max_page_count (OVOZ_TEST_MAX_PAGES; not a real full disk): 503 with Retry-After, no row lost, resumes when pages are freed', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const first = await startBundledServer({ dir });
    expect(await first.stop()).toBe(0);
    // Room to free later: a table of blobs; then the file may not grow past its size plus a little.
    // SQLite's page limit is what is tested: this file runs on SQLite only.
    const pages = await withDb(first.databaseUrl, async (db) => {
      await sql`create table filler (b blob)`.execute(db);
      for (let i = 0; i < 64; i++) {
        await sql`insert into filler values (${Buffer.alloc(16_384, i)})`.execute(db);
      }
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      return (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!.page_count;
    });

    const server = await startBundledServer({
      dir,
      env: { OVOZ_TEST_MAX_PAGES: String(pages + 16) },
    });
    servers.push(server);
    const log = newLog();
    await submitBefore(server.url, log);
    await submitUntilRefused(server.url, log);
    // A second connection (its busy timeout waits for the server's writes) frees the pages.
    await expectRefusedThenResumed(server, log, () =>
      withDb(server.databaseUrl, async (db) => {
        await sql`delete from filler`.execute(db);
      }),
    );
  }, 50_000);
});
