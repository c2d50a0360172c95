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
});
