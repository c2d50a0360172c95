/**
 * Opens the storage named by DATABASE_URL: `sqlite:PATH` (the embedded default) or
 * `postgres://…` / `postgresql://…`. The one place that knows which engines there are.
 */
import { StorageConfigError, StorageUnavailable } from '../errors.js';
import type { Storage } from '../storage.js';
import { postgresErrorKind, postgresStorageError } from './postgres/errors.js';
import { openPostgresStorage, type PostgresOptions } from './postgres/index.js';
import { sqliteErrorKind, sqliteStorageError } from './sqlite/errors.js';
import { openSqliteStorage, type SqliteOptions } from './sqlite/index.js';

export type StorageOptions = SqliteOptions & PostgresOptions;

export function engineOf(databaseUrl: string): 'sqlite' | 'postgres' {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  const scheme = databaseUrl.includes(':') ? databaseUrl.split(':')[0] : databaseUrl;
  throw new StorageConfigError(
    `DATABASE_URL: unknown scheme "${scheme}"; use sqlite:PATH or postgres://user:password@host:port/database`,
  );
}

export async function openStorage(
  databaseUrl: string,
  options: StorageOptions = {},
): Promise<Storage> {
  if (engineOf(databaseUrl) === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length);
    if (!file)
      throw new StorageConfigError(
        'DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/ovoz.db',
      );
    return openSqliteStorage(file, options);
  }
  return openPostgresStorage(databaseUrl, options);
}

/** A unique constraint failed (e.g. two requests creating the same username at once). */
export function isUniqueViolation(error: unknown): boolean {
  return sqliteErrorKind(error) === 'unique' || postgresErrorKind(error) === 'unique';
}

/** An engine's error as the seam's StorageUnavailable when it is one; otherwise unchanged. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailable) return error;
  const sqlite = sqliteStorageError(error);
  return sqlite !== error ? sqlite : postgresStorageError(error);
}
