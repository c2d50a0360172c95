/**
 * Statements written with Kysely (so they follow the dialect), compiled once and run many times.
 * A statement is compiled with `param('name')` placeholders where values go; `bind` turns a record
 * of named values into the positional parameters of the compiled SQL. Parameters that are not
 * placeholders (constants in the query) are kept as they are. Engine-neutral: the SQL is whatever
 * the Kysely instance it was compiled with writes.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

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

/** Runs a named statement with `values` through Kysely; resolves to its rows. */
export async function runNamed<R = Record<string, unknown>>(
  db: Kysely<Database>,
  statement: NamedStatement,
  values: object,
): Promise<R[]> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(statement.sql, statement.bind(values)));
  return result.rows;
}
