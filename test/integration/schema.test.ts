/**
 * The one list of migrations builds, on each engine, every table and column of the schema the
 * shipped migrations wrote (recorded from SQLite: schema-sqlite.test.ts), up to the last of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { openStorage } from '../../db/dialect/index.js';
import { migrations } from '../../db/migrations/index.js';
import { databaseUrlFor } from '../helpers/database.js';
import { ROOT, tempDir } from '../helpers/server.js';

const recorded = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'test/fixtures/sqlite-schema-2026-11-22.json'), 'utf8'),
) as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;

const LAST_SHIPPED = '2026-11-22-08-year-dekad-rollups';

describe('the shipped migrations', () => {
  it('build the same tables and columns on this engine', async () => {
    const storage = await openStorage(await databaseUrlFor(tempDir()));
    try {
      const migrator = new Migrator({
        db: storage.db,
        provider: { getMigrations: async () => migrations },
      });
      expect((await migrator.migrateTo(LAST_SHIPPED)).error).toBeUndefined();
      const tables = await storage.db.introspection.getTables();
      for (const { name, sql: ddl } of recorded.filter(
        (r) => r.type === 'table' && !r.name.startsWith('sqlite_'),
      )) {
        const table = tables.find((t) => t.name === name);
        if (!table) throw new Error(`table ${name} is missing`);
        const columns = [...(ddl ?? '').matchAll(/"(\w+)" (?:integer|text)/g)].map((m) => m[1]);
        expect(columns.length, name).toBeGreaterThan(0);
        expect(table.columns.map((c) => c.name).sort(), name).toEqual(
          expect.arrayContaining(columns.sort()),
        );
      }
    } finally {
      await storage.close();
    }
  });
});
