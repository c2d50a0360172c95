/**
 * Power-cut durability: SIGKILL the server during a burst of submissions, restart it, and every
 * response it acknowledged is there exactly once, in a database that passes integrity_check.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, tempDir, type RunningServer } from '../helpers/server.js';

const CYCLES = 3;
let server: RunningServer | undefined;
const dir = tempDir();
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function burst(base: string, acknowledged: Set<string>, stop: { now: boolean }) {
  const worker = async () => {
    while (!stop.now) {
      const id = randomUUID();
      try {
        const res = await fetch(`${base}/api/public/surveys/quick-feedback/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id, answers: { satisfaction: 1 + (id.charCodeAt(0) % 5) } }),
        });
        if (res.status === 201 || res.status === 200) acknowledged.add(id);
        else await res.body?.cancel();
      } catch {
        return; // the server died mid-request: that submission was never acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

describe('SIGKILL during a burst of submissions', () => {
  it(`loses no acknowledged response over ${CYCLES} crash cycles`, async () => {
    const acknowledged = new Set<string>();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      server = await startServer({ dir });
      const stop = { now: false };
      const running = burst(server.url, acknowledged, stop);
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 600));
      await server.kill();
      stop.now = true;
      await running;
    }
    expect(acknowledged.size).toBeGreaterThan(100);

    // Restart once more: recovery of the WAL happens on open.
    server = await startServer({ dir });
    await server.stop();
    const db = new Database(server.dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const find = db.prepare('select count(*) n from response where id = ?');
      const missing = [...acknowledged].filter((id) => (find.get(id) as { n: number }).n !== 1);
      expect(missing).toEqual([]);
      // No half-written response: every row's rollups were committed with it.
      const responses = (db.prepare('select count(*) n from response').get() as { n: number }).n;
      const counted = (
        db.prepare(`select coalesce(sum(n), 0) n from rollup_cell where cuboid = 'area-month'`).get() as { n: number }
      ).n;
      expect(counted).toBe(responses);
    } finally {
      db.close();
    }
  }, 120_000);
});
