/**
 * Another process holds SQLite's write lock (a second connection in BEGIN IMMEDIATE). Released
 * while submissions wait for it, they are stored; held until the busy timeout refuses one
 * (OVOZ_BUSY_TIMEOUT_MS=250 here, 5 s by default), refused ones get 503 and Retry-After, none of
 * those is stored and none acknowledged is lost; once the lock is released, submissions succeed.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../../db/dialect/index.js';
import { startBundledServer } from '../helpers/bundled-server.js';
import {
  burst,
  checkDatabase,
  newLog,
  submitOne,
  whenLog,
  type BurstLog,
} from '../helpers/durability.js';
import { tempDir, type RunningServer } from '../helpers/server.js';

const dir = tempDir();
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Holds the write lock of the SQLite database at `databaseUrl` from a second connection of this
 * process (SQLite's own lock is what is tested: this file runs on SQLite only) while the server
 * takes a burst, until `release(log)` holds.
 */
async function holdLockDuringBurst(
  databaseUrl: string,
  base: string,
  release: (log: BurstLog) => Promise<void>,
) {
  const log = newLog();
  const other = await openStorage(databaseUrl);
  // One connection: the transaction stays open between these statements.
  await sql`begin immediate`.execute(other.db);
  const stop = { now: false };
  const running = burst(base, log, stop, 8);
  await release(log);
  await sql`rollback`.execute(other.db);
  await other.close();
  stop.now = true;
  await running;
  return log;
}

/**
 * Resolves once the server's main thread is asleep in SQLite's busy handler, between two tries
 * for the lock: a write is waiting for it. better-sqlite3 waits synchronously, so the server
 * cannot say so itself; the kernel can (Linux: the function a thread waits in, /proc/<pid>/wchan;
 * the server's event loop otherwise waits in epoll).
 */
async function waitingForTheLock(pid: number): Promise<void> {
  await vi.waitFor(
    () => {
      const wchan = fs.readFileSync(`/proc/${pid}/wchan`, 'utf8');
      if (!wchan.includes('nanosleep'))
        throw new Error(`the server waits in ${wchan}, not for the lock`);
    },
    { timeout: 60_000, interval: 2 },
  );
}

describe('another process holds the write lock', () => {
  it('shorter than the busy timeout: submissions wait and are stored', async () => {
    // Released once a submission is seen waiting for the lock (a busy timeout of 10 s).
    server = await startBundledServer({ dir, env: { OVOZ_BUSY_TIMEOUT_MS: '10000' } });
    const pid = server.proc.pid!;
    const log = await holdLockDuringBurst(server.databaseUrl, server.url, async (l) => {
      await whenLog(l, (x) => x.sent >= 8);
      await waitingForTheLock(pid);
      expect(l.statuses.size).toBe(0);
    });
    expect([...log.statuses.keys()]).toEqual([201]);
    expect(await server.stop()).toBe(0);
    const check = await checkDatabase(server.databaseUrl, log.acknowledged);
    expect(check.missing).toEqual([]);
  });

  it('past the busy timeout: 503 with Retry-After, nothing lost, then submissions succeed', async () => {
    server = await startBundledServer({ dir, env: { OVOZ_BUSY_TIMEOUT_MS: '250' } });
    // Released once the busy timeout has refused a submission.
    const log = await holdLockDuringBurst(server.databaseUrl, server.url, (l) =>
      whenLog(l, (x) => x.statuses.has(503)),
    );
    expect(log.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect([...log.statuses.keys()].every((s) => s === 201 || s === 503)).toBe(true);
    expect(log.withoutRetryAfter).toBe(0);

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
  });
});
