/**
 * Statements written with Kysely (so they follow the dialect), compiled once and run many times
 * on a synchronous connection. A statement is compiled with `param('name')` placeholders where
 * values go; `bind` turns a record of named values into the positional parameters of the
 * compiled SQL. Parameters that are not placeholders (constants in the query) are kept as they are.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';

const SENTINEL = '\u0000ovoz:';

/** A placeholder for the value named `name`, typed as whatever the column expects. */
export function param<T = string>(name: string): T {
  return `${SENTINEL}${name}` as T;
}

export interface NamedStatement {
  sql: string;
  bind(values: object): unknown[];
}

export function named(compiled: CompiledQuery): NamedStatement {
  type Slot = { name: string } | { name?: undefined; value: unknown };
  const slots = compiled.parameters.map((value): Slot =>
    typeof value === 'string' && value.startsWith(SENTINEL)
      ? { name: value.slice(SENTINEL.length) }
      : { value },
  );
  return {
    sql: compiled.sql,
    bind: (values: object) =>
      slots.map((slot) => {
        if (slot.name === undefined) return slot.value;
        if (!(slot.name in values)) throw new Error(`missing parameter ${slot.name}`);
        return (values as Record<string, unknown>)[slot.name];
      }),
  };
}

/** A named statement prepared on a synchronous connection: run it with a record of values. */
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
