/**
 * Rebuilding the rollups from the stored responses gives exactly what ingest wrote: thousands of
 * random valid submissions through the real API over many days, a snapshot of every rollup table
 * (cell dimensions → counts, independent of cell ids), a rebuild, the same snapshot.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupCommands } from '../../server/cli/rollups.js';
import type { CliContext } from '../../server/cli/types.js';
import { rebuildRollups } from '../../server/ingest/rebuild-rollups.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { rollupTables } from '../helpers/rollup-snapshot.js';
import { prng, randomSubmission, submitOn } from '../helpers/submissions.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

const snapshot = () => rollupTables(t.booted.deps.db);

describe('rollups rebuild', () => {
  it('recomputes from the responses exactly what ingest wrote', async () => {
    const rand = prng(20261122);
    const registry = await t.booted.deps.registry.snapshot();
    const days = [
      '2026-09-29',
      '2026-09-30',
      '2026-10-01',
      '2026-10-15',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ];
    for (let i = 0; i < 24; i++)
      days.push(`2026-${i < 12 ? '10' : '11'}-${String(3 + (i % 12) * 2).padStart(2, '0')}`);
    for (const day of days) {
      const subs = Array.from({ length: 100 }, () => randomSubmission(rand, registry));
      await submitOn(t, day, subs);
    }
    // Responses of another survey too, so rebuild handles several surveys and versions.
    for (const satisfaction of [1, 2, 3, 4, 5, 5]) {
      const res = await postJson(t.app, '/api/public/surveys/quick-feedback/responses', {
        id: randomUUID(),
        answers: { satisfaction },
      });
      expect(res.status).toBe(201);
    }
    await t.booted.deps.writer.drain();
    const { db } = t.booted.deps;
    const before = await snapshot();
    // 31 days × 100 random submissions + 6 quick-feedback answers.
    expect(
      (
        await db
          .selectFrom('response')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(3106);
    expect(before.cells.length).toBeGreaterThan(1000);
    expect(before.drivers.length).toBeGreaterThan(1000);
    expect(before.histograms.length).toBeGreaterThan(1000);
    expect(before.answers.length).toBeGreaterThan(1000);

    // Damage the rollups, then rebuild in small chunks.
    await sql`delete from rollup_answer where cell_id % 3 = 0`.execute(db);
    await sql`update rollup_histogram set n4 = n4 + 1 where cell_id % 4 = 0`.execute(db);
    await sql`update rollup_driver set d5s5 = 0 where cell_id % 2 = 0`.execute(db);
    await sql`update rollup_cell set n = n + 1 where id % 5 = 0`.execute(db);
    expect(await snapshot()).not.toEqual(before);
    const result = await rebuildRollups(t.booted.storage, { chunkSize: 257 });
    expect(result.responses).toBe(3106);
    expect(result.cells).toBe(before.cells.length);

    const after = await snapshot();
    expect(after.cells).toEqual(before.cells);
    expect(after.answers).toEqual(before.answers);
    expect(after.histograms).toEqual(before.histograms);
    expect(after.drivers).toEqual(before.drivers);
    // Live ingest's driver × driver rows and parts add up to what the rebuild writes as rows.
    expect(before.joint.length).toBeGreaterThan(1000);
    expect(after.joint).toEqual(before.joint);
    // 3106 submissions and a rebuild: PostgreSQL on a loaded 2-core machine takes over 30 s.
  }, 120_000);

  it('runs as the CLI command `rollups rebuild`', async () => {
    const before = await snapshot();
    await t.booted.deps.db.deleteFrom('rollup_driver').where('d5s5', '>', 0).execute();
    const lines: string[] = [];
    const ctx: CliContext = {
      config: t.booted.deps.config,
      env: {},
      stdin: process.stdin,
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      storage: async () => t.booted.storage,
      db: async () => t.booted.deps.db,
    };
    const [command] = rollupCommands;
    expect(command!.name).toBe('rollups rebuild');
    await command!.run([], ctx);
    expect(lines.join('\n')).toMatch(/^rollups rebuilt from 3106 responses: \d+ cells in \d+ ms$/);
    expect(await snapshot()).toEqual(before);
    await expect(command!.run(['now'], ctx)).rejects.toThrow(/unexpected argument/);
  });
});
