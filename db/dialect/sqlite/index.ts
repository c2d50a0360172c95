/**
 * The SQLite engine (better-sqlite3): the embedded default, one server process per database file.
 * The response transaction runs synchronously on the one connection (group commit: a batch is one
 * durable commit); locks, change notices and rate-limit counters live in the process.
 */
import { Kysely, SqliteDialect, sql } from 'kysely';
import { migrateToLatest } from '../../migrate.js';
import type { Database } from '../../schema.js';
import type { RollupTx, Storage } from '../../storage.js';
import { localChanges, localHits, localLocks } from '../local.js';
import { backupSqlite } from './backup.js';
import { openSqlite, type SqliteOptions } from './connection.js';
import { sqliteStorageError } from './errors.js';
import { sqliteRowSource } from './export-rows.js';
import { sqliteResponseStore } from './response-store.js';
import { rollupWriter } from './rollup-writer.js';
import { compileSqliteStatements } from './statements.js';

export type { SqliteOptions };

export function openSqliteStorage(file: string, options: SqliteOptions = {}): Storage {
  const sqlite = openSqlite(file, options);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  let statements: ReturnType<typeof compileSqliteStatements> | undefined;
  const st = () => (statements ??= compileSqliteStatements(db));
  let responses: Storage['responses'] | undefined;
  let versionStatement: { get(): unknown } | undefined;
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      throw sqliteStorageError(e);
    }
  };

  return {
    engine: 'sqlite',
    db,
    location: file,
    migrate: () => run(() => migrateToLatest(db)),
    get responses() {
      // Prepared on first use: the tables exist only after migrate().
      return (responses ??= sqliteResponseStore(sqlite, st()));
    },
    rebuildRollups<T>(work: (tx: RollupTx) => Promise<T>): Promise<T> {
      const write = rollupWriter(sqlite, st());
      const clear = db.transaction();
      return run(() =>
        clear.execute((trx) =>
          work({
            db: trx,
            // The statements run on the same connection, inside the transaction Kysely began.
            clear: async () => {
              for (const t of [
                'rollup_part',
                'rollup_joint',
                'rollup_driver',
                'rollup_histogram',
                'rollup_answer',
                'rollup_cell',
              ] as const) {
                await trx.deleteFrom(t).execute();
              }
            },
            add: async (batch) => write(batch),
          }),
        ),
      );
    },
    // A deferred transaction reads one WAL snapshot from its first read to its end.
    snapshot: (work) => run(() => db.transaction().execute(work)),
    exportRows: async (query) => sqliteRowSource(file, query),
    jsonArrayText: (columns) =>
      sql<string>`json_array(${sql.join(columns.map((c) => sql.ref(c)))})`,
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    // data_version moves when another connection (another process too) commits; total_changes()
    // when this one writes (the responses, rebuilds and everything else of this process).
    dataVersion: async () => {
      versionStatement ??= sqlite.prepare(
        'select data_version, total_changes() as changes from pragma_data_version',
      );
      const row = versionStatement.get() as { data_version: number; changes: number };
      return `${row.data_version}.${row.changes}`;
    },
    backup: async (target) => backupSqlite(file, target),
    exclusive: localLocks(),
    changes: localChanges(),
    hits: localHits(),
    // AUTOINCREMENT counters follow the largest id inserted, whoever chose it.
    resetIdentities: async () => undefined,
    // Ovoz's SQLite databases are planned without statistics (no sqlite_stat1): the same plans
    // whether a database was copied or grew response by response.
    analyze: async () => undefined,
    close: () => db.destroy(),
  };
}
