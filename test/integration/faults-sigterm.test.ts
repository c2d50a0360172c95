/**
 * SIGTERM during a burst of submissions (a deploy, a `systemctl stop`): requests in flight either
 * finish (and are stored) or are never acknowledged, the last commits drain, and the process exits
 * cleanly with code 0 while the burst is still sending: busy keep-alive connections do not hold it
 * open (the burst stops only after the exit; a server they held would reach its shutdown deadline
 * and exit with 1).
 * Three stop-and-restart cycles on one database.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startBundledServer } from '../helpers/bundled-server.js';
import { acknowledgements, burst, checkDatabase, newLog } from '../helpers/durability.js';
import { tempDir, type RunningServer } from '../helpers/server.js';

const CYCLES = 3;
const dir = tempDir();
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SIGTERM during a burst', () => {
  it('stores every acknowledged response and exits with 0', async () => {
    const log = newLog();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      server = await startBundledServer({ dir });
      const stop = { now: false };
      const before = log.acknowledged.size;
      const running = burst(server.url, log, stop, 32);
      await acknowledgements(log, before + 20 + Math.floor(Math.random() * 40));
      const code = await server.stop();
      stop.now = true;
      await running;
      expect(code, server.output()).toBe(0);
      expect(server.output()).toContain('SIGTERM: finishing requests in flight');
    }
    expect(log.acknowledged.size).toBeGreaterThan(CYCLES * 20);
    expect([...log.statuses.keys()]).toEqual([201]);
    const check = await checkDatabase(server!.databaseUrl, log.acknowledged);
    expect(check.integrity).toBe('ok');
    expect(check.missing).toEqual([]);
    expect(check.rollupsMatchResponses).toBe(true);
    expect(check.responses).toBeLessThanOrEqual(log.acknowledged.size + log.unanswered);
  });
});
