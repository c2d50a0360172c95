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
  source = {
    async next(max) {
      if (closed || !cursor) return [];
      try {
        const rows = await cursor.read(max);
        if (rows.length === 0) await close();
        return rows;
      } catch (e) {
        await close(true);
        throw postgresStorageError(e);
      }
    },
    close: () => close(),
  };
  open.add(source);
  return source;
}
