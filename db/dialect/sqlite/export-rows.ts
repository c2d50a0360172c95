/**
 * The rows of an export, read in chunks from their own read-only SQLite connection. A streamed
 * export yields to the event loop between chunks for as long as the client takes; on the app's
 * shared connection an open statement would block every other query (and the group-commit writer)
 * meanwhile. The own connection also reads one consistent snapshot (WAL) from the first row to the
 * last. Closed when the rows end or the client goes away.
 */
import { SqliteDatabase } from './driver.js';
import type { CompiledQuery } from 'kysely';
import type { RowSource } from '../../storage.js';

export function sqliteRowSource(file: string, query: CompiledQuery): RowSource {
  const conn = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  let closed = false;
  let rows: IterableIterator<unknown[]> | null = null;
  try {
    conn.pragma('busy_timeout = 5000');
    const stmt = conn.prepare(query.sql).raw(true);
    rows = stmt.iterate(...(query.parameters as unknown[])) as IterableIterator<unknown[]>;
  } catch (e) {
    conn.close();
    throw e;
  }
  const close = () => {
    if (closed) return;
    closed = true;
    rows?.return?.();
    conn.close();
  };
  return {
    next(max) {
      if (closed || !rows) return Promise.resolve([]);
      const out: unknown[][] = [];
      while (out.length < max) {
        const r = rows.next();
        if (r.done) {
          close();
          break;
        }
        out.push(r.value);
      }
      return Promise.resolve(out);
    },
    close: () => Promise.resolve(close()),
  };
}
