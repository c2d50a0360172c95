/**
 * The rows of an export on PostgreSQL: a cursor on a connection of its own, inside a read-only
 * repeatable-read transaction, so the export reads one consistent snapshot from the first row to
 * the last while submissions go on, and holds no lock that would stop them. The connection returns
 * to the pool when the rows end or the client goes away.
 */
import type { CompiledQuery } from 'kysely';
import { Cursor, type pg } from './driver.js';
import type { RowSource } from '../../storage.js';
import { postgresStorageError } from './errors.js';

/**
 * Rows fetched from the cursor at a time: each fetch is a round trip to the server, and an
 * export asks for a few hundred rows at a time; the rest wait here until asked for.
 */
const FETCH = 2000;

/**
 * `open` holds the sources still reading, so that closing the storage ends them (a download that
 * was never read to its end must not hold a connection, inside its transaction, forever).
 */
export async function pgRowSource(
  pool: pg.Pool,
  query: CompiledQuery,
  open: Set<RowSource>,
): Promise<RowSource> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw postgresStorageError(e);
  }
  let cursor: Cursor<unknown[]> | null = null;
  let source: RowSource | null = null;
  let closed = false;
  const close = async (broken = false) => {
    if (closed) return;
    closed = true;
    if (source) open.delete(source);
    try {
      if (cursor) await cursor.close();
      if (!broken) await client.query('rollback');
      client.release();
    } catch (e) {
      client.release(e instanceof Error ? e : true);
    }
  };
  try {
    await client.query('begin isolation level repeatable read read only');
    cursor = client.query(
      new Cursor<unknown[]>(query.sql, query.parameters as unknown[], { rowMode: 'array' }),
    );
  } catch (e) {
    await close(true);
    throw postgresStorageError(e);
  }
  /** Rows fetched and not yet taken: `rows` from `at` on. */
  let rows: unknown[][] = [];
  let at = 0;
  source = {
    async next(max) {
      if (closed || !cursor) return [];
      if (at >= rows.length) {
        try {
          rows = await cursor.read(Math.max(max, FETCH));
          at = 0;
        } catch (e) {
          await close(true);
          throw postgresStorageError(e);
        }
        if (rows.length === 0) {
          await close();
          return [];
        }
      }
      const out = at === 0 && rows.length <= max ? rows : rows.slice(at, at + max);
      at += out.length;
      return out;
    },
    close: () => close(),
  };
  open.add(source);
  return source;
}
