/**
 * The PostgreSQL engine (`pg` through Kysely's PostgresDialect): for several Ovoz instances on one
 * database and national scale. What the instances share lives in the database: the response
 * transaction's claims (tokens, quotas), rate-limit counters (`rate_limit_hit`), locks (advisory
 * locks) and change notices (LISTEN/NOTIFY). A server that goes away makes requests answer 503
 * (StorageUnavailable) until it is back; nothing acknowledged is lost, because nothing is
 * acknowledged before its commit.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import { pg } from './driver.js';
import { StorageConfigError } from '../../errors.js';
import { migrateToLatest } from '../../migrate.js';
import type { Database } from '../../schema.js';
import type { ChangeTopic, HitCounter, RollupTx, RowSource, Storage } from '../../storage.js';
import { backupPostgres } from './backup.js';
import { pgChanges, CHANGES_CHANNEL } from './changes.js';
import { postgresConfigError, postgresStorageError } from './errors.js';
import { pgRowSource } from './export-rows.js';
import { pgResponseStore, pgRollupWriter } from './response-store.js';

export interface PostgresOptions {
  /** Connections per instance (at least 2: a lock holds one while its work uses another). */
  poolSize?: number | undefined;
}

/** 64-bit integers (counts, sums, milliseconds) as numbers: every such value Ovoz keeps fits. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The connection string without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.protocol}//${u.username ? `${u.username}${u.password ? ':***' : ''}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://…';
  }
}

export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<Storage> {
  const location = redact(url);
  const config: pg.PoolConfig = {
    connectionString: url,
    max: Math.max(2, options.poolSize ?? 10),
    application_name: 'ovoz',
    // A server that does not answer gives a 503 in seconds instead of a hanging request.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types,
  };
  const pool = new pg.Pool(config);
  // An idle connection the server closed (a restart) must not take the process down; the next
  // query gets a fresh connection, or StorageUnavailable while the server is away.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw postgresConfigError(e, location);
  }

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      throw postgresStorageError(e);
    }
  };
  const notify = (topic: ChangeTopic) =>
    run(async () => {
      await sql`select pg_notify(${CHANGES_CHANNEL}, ${topic})`.execute(db);
    });
  const changes = pgChanges({ connectionString: url, application_name: 'ovoz-listen' }, notify);

  const exports = new Set<RowSource>();
  let lastWindow = 0;
  const hits: HitCounter = {
    hit: (key, windowStart) =>
      run(async () => {
        if (windowStart !== lastWindow) {
          lastWindow = windowStart;
          await db.deleteFrom('rate_limit_hit').where('window_start', '<', windowStart).execute();
        }
        const row = await db
          .insertInto('rate_limit_hit')
          .values({ key, window_start: windowStart, n: 1 })
          .onConflict((oc) =>
            oc.columns(['key', 'window_start']).doUpdateSet({ n: sql`rate_limit_hit.n + 1` }),
          )
          .returning('n')
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }),
  };

  return {
    engine: 'postgres',
    db,
    location,
    migrate: () => migrateToLatest(db),
    responses: pgResponseStore(db),
    rebuildRollups<T>(work: (tx: RollupTx) => Promise<T>): Promise<T> {
      const write = pgRollupWriter();
      return run(() =>
        db.transaction().execute((trx) =>
          work({
            db: trx,
            clear: async () => {
              await sql`truncate rollup_part, rollup_joint, rollup_driver, rollup_histogram, rollup_answer, rollup_cell`.execute(
                trx,
              );
            },
            add: (batch) => write(trx, batch),
          }),
        ),
      );
    },
    snapshot: (work) =>
      run(() =>
        db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute(work),
      ),
    exportRows: (query) => pgRowSource(pool, query, exports),
    // As text: the driver would parse a json value on the event loop.
    jsonArrayText: (columns) =>
      sql<string>`json_build_array(${sql.join(columns.map((c) => sql.ref(c)))})::text`,
    ping: () =>
      run(async () => {
        await sql`select 1`.execute(db);
      }),
    // The server's snapshot (xmin:xmax:in-progress ids) moves whenever a transaction that wrote
    // anything ends, in any database of the server: a commit to this one always moves it.
    dataVersion: () =>
      run(async () => {
        const { rows } = await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(
          db,
        );
        return rows[0]!.v;
      }),
    backup: (target) => run(() => backupPostgres(pool, url, target)),
    exclusive: <T>(name: string, work: () => Promise<T>) =>
      run(() =>
        db.connection().execute(async (conn) => {
          await sql`select pg_advisory_lock(hashtext(${name}))`.execute(conn);
          try {
            return await work();
          } finally {
            await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn);
          }
        }),
      ),
    changes,
    hits,
    resetIdentities: (tables) =>
      run(async () => {
        for (const t of tables) {
          await sql`select setval(pg_get_serial_sequence(${t}, 'id'),
            coalesce((select max(id) from ${sql.table(t)}), 0) + 1, false)`.execute(db);
        }
      }),
    // Without it, the reports of a freshly copied database wait for autovacuum's first pass over
    // each table, planned meanwhile from guesses.
    analyze: () =>
      run(async () => {
        await sql`analyze`.execute(db);
      }),
    async close() {
      await Promise.all([...exports].map((e) => e.close()));
      await changes.close();
      await db.destroy();
    },
  };
}

export { StorageConfigError };
