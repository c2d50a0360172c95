/**
 * PostgreSQL going away and coming back, and one of two instances killed during a burst: nothing
 * acknowledged is lost, the other instance keeps serving, and a server that cannot reach the
 * database says so with 503 and Retry-After instead of hanging or losing answers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBundledServer } from '../../helpers/bundled-server.js';
import { createPgDatabase, createPgDatabaseOn } from '../../helpers/database.js';
import {
  acknowledgements,
  burst,
  checkDatabase,
  newLog,
  QUICK,
  submitOne,
} from '../../helpers/durability.js';
import { startPgCluster, type PgCluster } from '../../helpers/pg-cluster.js';
import { tempDir, type RunningServer } from '../../helpers/server.js';

describe('one of two instances killed during a burst', () => {
  it('loses no acknowledged response, and the other instance keeps serving', async () => {
    const databaseUrl = await createPgDatabase();
    const [a, b] = await Promise.all([
      startBundledServer({ dir: tempDir(), databaseUrl }),
      startBundledServer({ dir: tempDir(), databaseUrl }),
    ]);
    try {
      // A log per instance: a burst stops its workers when its own server dies.
      const logA = newLog();
      const logB = newLog();
      const stopA = { now: false };
      const stopB = { now: false };
      const onA = burst(a.url, logA, stopA, 8);
      const onB = burst(b.url, logB, stopB, 8);
      await acknowledgements(logA, 10);
      await a.kill();
      stopA.now = true;
      await onA;
      const before = logB.acknowledged.size;
      // B goes on taking submissions after A died.
      await acknowledgements(logB, before + 20);
      stopB.now = true;
      await onB;
      expect(logA.unanswered + logA.acknowledged.size).toBeGreaterThan(0);
      expect(logB.acknowledged.size).toBeGreaterThan(before);
      expect(logB.unanswered).toBe(0);
      expect(await submitOne(b.url, logB)).toBe(201);
      for (const log of [logA, logB]) {
        expect([...log.statuses.keys()].every((s) => s === 201)).toBe(true);
      }
      const log = newLog();
      for (const l of [logA, logB]) {
        for (const id of l.acknowledged) log.acknowledged.add(id);
        for (const [id, status] of l.refused) log.refused.set(id, status);
        log.unanswered += l.unanswered;
      }

      await b.stop();
      const check = await checkDatabase(databaseUrl, log.acknowledged, log.refused.keys());
      expect(check.missing).toEqual([]);
      expect(check.present).toEqual([]);
      expect(check.rollupsMatchResponses).toBe(true);
      expect(check.responses).toBeGreaterThanOrEqual(log.acknowledged.size);
      expect(check.responses).toBeLessThanOrEqual(log.acknowledged.size + log.unanswered);
    } finally {
      await Promise.all([a.kill(), b.kill()]);
    }
  }, 60_000);
});

describe('the PostgreSQL server stops and starts again', () => {
  // A cluster of its own: stopping the shared one would stop every other test.
  let cluster: PgCluster;
  let server: RunningServer;
  let databaseUrl: string;
  beforeAll(async () => {
    cluster = await startPgCluster();
    databaseUrl = await createPgDatabaseOn(cluster.url);
    server = await startBundledServer({ dir: tempDir(), databaseUrl });
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
    cluster?.stop();
  });

  it('answers 503 with Retry-After while it is down, loses nothing, and recovers by itself', async () => {
    const log = newLog();
    for (let i = 0; i < 5; i++) expect(await submitOne(server.url, log)).toBe(201);

    cluster.halt();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toMatch(/^\d+$/);
    const down = await fetch(server.url + QUICK, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: randomUUID(), answers: { satisfaction: 2 } }),
    });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('Unavailable');
    // A report while the database is away: 503 too, not a 500 or a hang.
    const cookieless = await fetch(`${server.url}/api/public/surveys/quick-feedback`);
    expect([503, 200]).toContain(cookieless.status);

    cluster.resume();
    await expect
      .poll(async () => (await fetch(`${server.url}/healthz`)).status, { timeout: 20_000 })
      .toBe(200);
    for (let i = 0; i < 5; i++) expect(await submitOne(server.url, log)).toBe(201);
    expect(server.proc.exitCode).toBeNull();

    const check = await checkDatabase(databaseUrl, log.acknowledged);
    expect(check.missing).toEqual([]);
    expect(check.responses).toBe(10);
    expect(check.rollupsMatchResponses).toBe(true);
  }, 60_000);
});
