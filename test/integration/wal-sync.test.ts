/**
 * A batch of responses commits without waiting for the disk and is acknowledged once its WAL is
 * synced (db/dialect/sqlite/connection.ts walSync): on a real SQLite file, the transaction runs
 * with synchronous=NORMAL and every other write of the connection stays synchronous=FULL, also
 * when the transaction fails; a WAL replaced since (the database closed and opened again) is
 * synced, not the old file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, walSync } from '../../db/dialect/sqlite/connection.js';
import { tempDir } from '../helpers/server.js';

const dir = tempDir('ovoz-wal-sync-');
const file = path.join(dir, 'ovoz.db');
const sqlite = openSqlite(file);
afterAll(() => sqlite.close());

const synchronous = () => sqlite.pragma('synchronous', { simple: true }) as number;
const NORMAL = 1;
const FULL = 2;

/** The files this process holds open that were deleted since. */
const deletedOpenFiles = () =>
  fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(dir) && target.endsWith('(deleted)'));

describe('walSync', () => {
  sqlite.exec('create table t (n integer)');
  const durably = walSync(sqlite);

  it('commits with synchronous=NORMAL, leaves FULL for every other write, and syncs the WAL', async () => {
    expect(synchronous()).toBe(FULL);
    let during = -1;
    const { result, synced } = durably(() => {
      during = synchronous();
      return sqlite.prepare('insert into t values (1)').run().changes;
    });
    expect(result).toBe(1);
    expect(during).toBe(NORMAL);
    expect(synchronous()).toBe(FULL);
    await expect(synced).resolves.toBeUndefined();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
  });

  it('restores FULL when the transaction fails', () => {
    expect(() =>
      durably(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(synchronous()).toBe(FULL);
  });

  it('syncs the new WAL once the old one was deleted', async () => {
    // Leaving WAL mode deletes the WAL; entering it again makes a new file.
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('journal_mode = WAL');
    const { synced } = durably(() => sqlite.prepare('insert into t values (2)').run());
    await synced;
    expect(deletedOpenFiles()).toEqual([]);
    expect(sqlite.prepare('select count(*) as n from t').get()).toEqual({ n: 2 });
  });
});
