/** A named statement (db/named-statement.ts) prepared on the synchronous better-sqlite3 connection. */
import type { SqliteDatabase } from './driver.js';
import type { NamedStatement } from '../../named-statement.js';

export interface PreparedNamed {
  run(values: object): SqliteDatabase.RunResult;
  get(values: object): unknown;
  all(values: object): unknown[];
}

export function prepareNamed(
  sqlite: SqliteDatabase.Database,
  statement: NamedStatement,
): PreparedNamed {
  const stmt = sqlite.prepare(statement.sql);
  return {
    run: (values) => stmt.run(...statement.bind(values)),
    get: (values) => stmt.get(...statement.bind(values)),
    all: (values) => stmt.all(...statement.bind(values)),
  };
}
