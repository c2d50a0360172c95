/** better-sqlite3's errors in the storage seam's words (db/errors.ts). */
import { StorageUnavailable, type ErrorKind } from '../../errors.js';

const codeOf = (error: unknown): string | null => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
};

export function sqliteErrorKind(error: unknown): ErrorKind {
  const code = codeOf(error);
  if (code === null) return null;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return 'unique';
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY')
  ) {
    return 'unavailable';
  }
  return null;
}

/** Storage trouble is the server's, not the citizen's: 503 with Retry-After, nothing acknowledged. */
export function sqliteStorageError(error: unknown): unknown {
  switch (sqliteErrorKind(error)) {
    case 'busy':
      return new StorageUnavailable('the database is busy; please retry', 2, { cause: error });
    case 'unavailable':
      return new StorageUnavailable(
        'the server cannot store responses right now; please retry',
        30,
        { cause: error },
      );
    default:
      return error;
  }
}
