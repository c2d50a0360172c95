/**
 * Backup and restore drill: `ovoz backup FILE` while submissions arrive, then a fresh server on
 * the backup. The backup holds every response acknowledged before it started, only acknowledged
 * responses, passes integrity_check with rollups equal to its responses; the restored server
 * reports exactly the backup's counts and takes new submissions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startBundledServer } from '../helpers/bundled-server.js';
import { databaseUrlFor, withDb } from '../helpers/database.js';
import {
  acknowledgements,
  burst,
  checkDatabase,
  newLog,
  rollupSnapshot,
  submitOne,
} from '../helpers/durability.js';
import { signInOver, tempDir, type RunningServer } from '../helpers/server.js';

const dir = tempDir();
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The ids stored in the SQLite file `file` (a backup is a file: this suite runs on SQLite). */
function storedIds(file: string): Promise<string[]> {
  return withDb(`sqlite:${file}`, async (db) =>
    (await db.selectFrom('response').select('id').execute()).map((r) => r.id),
  );
}

function snapshot(file: string): Promise<string[]> {
  return withDb(`sqlite:${file}`, (db) => rollupSnapshot(db));
}

async function overallN(base: string): Promise<number | null> {
  const cookie = await signInOver(base);
  const res = await fetch(`${base}/api/reports/satisfaction?survey=quick-feedback&exact=1`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { overall: { n: number | null } }).overall.n;
}

describe('backup while submissions arrive, restored into a fresh server', () => {
  it('keeps every response acknowledged before the backup, and the restored server agrees', async () => {
    const server = await startBundledServer({ dir: path.join(dir, 'live') });
    servers.push(server);
    const log = newLog();
    const stop = { now: false };
    const running = burst(server.url, log, stop, 16);
    await acknowledgements(log, 50);
    const before = new Set(log.acknowledged);
    const file = path.join(dir, 'backups', 'ovoz-backup.db');
    const cli = await runCli(server.databaseUrl, ['backup', file]);
    const duringBackup = log.acknowledged.size - before.size;
    // Submissions go on after the backup too: it did not leave the writer stuck.
    await acknowledgements(log, log.acknowledged.size + 20);
    stop.now = true;
    await running;
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(
      // "checked": the copy passed integrity_check before it was renamed into place.
      /^backup written to .*ovoz-backup\.db: \d+ responses, [\d.]+ MB, checked, in \d+ ms$/m,
    );
    expect(duringBackup, 'submissions went on during the backup').toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);

    const inBackup = await storedIds(file);
    const check = await checkDatabase(`sqlite:${file}`, before);
    expect(check.integrity).toBe('ok');
    expect(check.missing).toEqual([]);
    expect(check.rollupsMatchResponses).toBe(true);
    expect(inBackup.filter((id) => !log.acknowledged.has(id))).toEqual([]);
    expect(cli.stdout).toContain(`: ${inBackup.length} responses`);

    // Restore: a fresh server on the backup file.
    const backupRollups = await snapshot(file);
    const restoreDir = path.join(dir, 'restored');
    fs.mkdirSync(restoreDir);
    const restoredDb = path.join(restoreDir, 'ovoz.db');
    fs.copyFileSync(file, restoredDb);
    const restored = await startBundledServer({ dir: restoreDir });
    servers.push(restored);
    expect(await overallN(restored.url)).toBe(inBackup.length);
    expect(await restored.stop()).toBe(0);
    expect((await storedIds(restoredDb)).sort()).toEqual([...inBackup].sort());
    expect(await snapshot(restoredDb)).toEqual(backupRollups);

    const again = await startBundledServer({ dir: restoreDir });
    servers.push(again);
    expect(await submitOne(again.url, newLog())).toBe(201);
    expect(await again.stop()).toBe(0);
  }, 50_000);

  it('refuses to overwrite a file and names what is wrong', async () => {
    const file = path.join(dir, 'exists.db');
    fs.writeFileSync(file, 'keep me');
    const db = await databaseUrlFor(path.join(dir, 'live'));
    const cli = await runCli(db, ['backup', file]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('exists; choose a new file name');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    const none = await runCli(db, ['backup']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('usage: backup <file>');
  });
});
