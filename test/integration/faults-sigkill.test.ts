/**
 * Power cuts: SIGKILL the real server at a random moment of a burst of submissions, twenty times
 * on one database, then restart it. Every response it acknowledged is stored exactly once, none
 * it refused is, the database passes integrity_check, and the rollups equal a rebuild from the
 * stored responses (no response half-written). Replaces the 3-cycle crash.test.ts.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startBundledServer } from '../helpers/bundled-server.js';
import { acknowledgements, burst, checkDatabase, newLog } from '../helpers/durability.js';
import { tempDir, type RunningServer } from '../helpers/server.js';

const CYCLES = 20;
const dir = tempDir();
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Acknowledgements each cycle waits for before its kill. */
const ACKS_BEFORE_KILL = 10;

describe('SIGKILL at random moments during bursts', () => {
  it(`loses no acknowledged response over ${CYCLES} kill-and-restart cycles`, async () => {
    const log = newLog();
    const killedAfter: number[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      server = await startBundledServer({ dir });
      const stop = { now: false };
      const before = log.acknowledged.size;
      const running = burst(server.url, log, stop);
      // The burst is under way (some acknowledged, more in flight) before the kill, however fast
      // or slow the machine is; then the kill lands at a random moment of it.
      const extra = Math.floor(Math.random() * 40);
      killedAfter.push(ACKS_BEFORE_KILL + extra);
      await acknowledgements(log, before + ACKS_BEFORE_KILL + extra);
      await server.kill();
      stop.now = true;
      await running;
    }
    // Some requests must have been cut off mid-flight, or the kills did not land during bursts.
    expect(
      log.unanswered,
      `kills after ${killedAfter.join(', ')} acknowledgements`,
    ).toBeGreaterThan(0);
    expect(log.acknowledged.size).toBeGreaterThan(CYCLES * ACKS_BEFORE_KILL);
    expect([...log.statuses.keys()].every((s) => s === 201)).toBe(true);

    // A last start recovers the WAL, as after a real power cut; then a clean stop.
    server = await startBundledServer({ dir });
    expect(await server.stop()).toBe(0);
    const check = await checkDatabase(server.databaseUrl, log.acknowledged, log.refused.keys());
    expect(check.integrity).toBe('ok');
    expect(check.missing).toEqual([]);
    expect(check.present).toEqual([]);
    expect(check.rollupsMatchResponses).toBe(true);
    // Unanswered requests may or may not have committed; nothing else is there.
    expect(check.responses).toBeGreaterThanOrEqual(log.acknowledged.size);
    expect(check.responses).toBeLessThanOrEqual(log.acknowledged.size + log.unanswered);
  }, 120_000);
});
