/**
 * The shipped migrations were made to run on PostgreSQL too (db/migrations/portable.ts). On
 * SQLite they must still write exactly the schema they wrote when they shipped, so a database
 * created before that change and one created after it are the same: the DDL of a fresh SQLite
 * database migrated up to the last shipped migration equals the recorded one, statement for
 * statement.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../db/dialect/index.js';
import { migrations } from '../../db/migrations/index.js';
import { databaseUrlFor } from '../helpers/database.js';
import { ROOT, tempDir } from '../helpers/server.js';

const LAST_SHIPPED = '2026-11-22-08-year-dekad-rollups';
const recorded = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'test/fixtures/sqlite-schema-2026-11-22.json'), 'utf8'),
) as unknown[];

describe('the shipped migrations on SQLite', () => {
  it('write on SQLite exactly the schema they wrote when they shipped', async () => {
    const storage = await openStorage(await databaseUrlFor(tempDir()));
    try {
      const migrator = new Migrator({
        db: storage.db,
        provider: { getMigrations: async () => migrations },
      });
      const { error } = await migrator.migrateTo(LAST_SHIPPED);
      expect(error).toBeUndefined();
      const rows = (
        await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
          select type, name, tbl_name, sql from sqlite_master
          where name not like 'kysely_%' order by name`.execute(storage.db)
      ).rows;
      expect(rows).toEqual(recorded);
    } finally {
      await storage.close();
    }
  });

  it('keeps the driver × driver rows, kilobytes of text, out of their key (a table with rowids)', async () => {
    const storage = await openStorage(await databaseUrlFor(tempDir()));
    try {
      const migrator = new Migrator({
        db: storage.db,
        provider: { getMigrations: async () => migrations },
      });
      expect((await migrator.migrateTo('2026-12-07-99-answer-parts')).error).toBeUndefined();
      await sql`insert into rollup_joint (cell_id, drivers, counts) values (1, 'a&b', '0:3')`.execute(
        storage.db,
      );
      const ddl = async () =>
        (
          await sql<{
            sql: string;
          }>`select sql from sqlite_master where name = 'rollup_joint'`.execute(storage.db)
        ).rows[0]!.sql;
      expect(await ddl()).toMatch(/without rowid/i);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await ddl()).not.toMatch(/without rowid/i);
      const rows = await sql`select cell_id, drivers, counts from rollup_joint`.execute(storage.db);
      expect(rows.rows).toEqual([{ cell_id: 1, drivers: 'a&b', counts: '0:3' }]);
      // Still one row per cell and driver list.
      await expect(
        sql`insert into rollup_joint (cell_id, drivers, counts) values (1, 'a&b', '')`.execute(
          storage.db,
        ),
      ).rejects.toThrow(/UNIQUE/);
    } finally {
      await storage.close();
    }
  });
});
