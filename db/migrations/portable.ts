/**
 * What SQLite and PostgreSQL spell differently in a schema, for the migrations: identity columns,
 * 64-bit integers and SQLite's rowid-free tables. Imports nothing from the app. On SQLite each
 * helper writes exactly the DDL the migrations wrote before PostgreSQL was supported (a test
 * compares a fresh SQLite schema with the one they shipped), so no existing database differs from
 * a new one.
 */
import {
  PostgresAdapter,
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
} from 'kysely';

export const onPostgres = (db: Kysely<any>): boolean =>
  db.getExecutor().adapter instanceof PostgresAdapter;

/** An integer primary key the database numbers itself. */
export const identity =
  (db: Kysely<any>) =>
  (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    onPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

/** A 64-bit integer (milliseconds since the epoch): SQLite's integer is 64-bit already. */
export const int64 = (db: Kysely<any>) => (onPostgres(db) ? 'bigint' : 'integer');

/** SQLite stores a table keyed by its primary key alone; PostgreSQL has no such option. */
export const withoutRowid =
  (db: Kysely<any>) =>
  <T extends CreateTableBuilder<any, any>>(b: T): T =>
    onPostgres(db) ? b : (b.modifyEnd(sql`without rowid`) as T);

/**
 * An integer primary key the database numbers itself, for rows that live briefly: on SQLite the
 * rowid (no AUTOINCREMENT, so no sequence row is written with every insert; a number may come
 * back after the largest row is deleted), on PostgreSQL an identity column.
 */
export const rowId =
  (db: Kysely<any>) =>
  (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    onPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
