/** `pg`'s errors in the storage seam's words (db/errors.ts). */
import { StorageConfigError, StorageUnavailable, type ErrorKind } from '../../errors.js';

const fieldOf = (error: unknown, field: 'code' | 'message'): string => {
  const v = (error as Record<string, unknown> | null)?.[field];
  return typeof v === 'string' ? v : '';
};

/** Errors of the connection rather than of the statement: the server is down or restarting. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

export function postgresErrorKind(error: unknown): ErrorKind {
  const code = fieldOf(error, 'code');
  const message = fieldOf(error, 'message');
  if (code === '23505') return 'unique';
  // Serialization failure, deadlock, lock timeout: another transaction was in the way.
  if (code === '40001' || code === '40P01' || code === '55P03') return 'busy';
  if (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') || // connection exception
    code.startsWith('57P') || // admin/crash shutdown, cannot connect now
    code.startsWith('53') || // insufficient resources: disk full, out of memory, too many connections
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i.test(
      message,
    )
  ) {
    return 'unavailable';
  }
  return null;
}

export function postgresStorageError(error: unknown): unknown {
  switch (postgresErrorKind(error)) {
    case 'busy':
      return new StorageUnavailable('the database is busy; please retry', 2, { cause: error });
    case 'unavailable':
      return new StorageUnavailable('the database cannot be reached right now; please retry', 5, {
        cause: error,
      });
    default:
      return error;
  }
}

/** What is wrong with DATABASE_URL, in words an operator can act on, when the first connection fails. */
export function postgresConfigError(error: unknown, location: string): Error {
  const code = fieldOf(error, 'code');
  const message = fieldOf(error, 'message');
  const say = (what: string) => new StorageConfigError(`DATABASE_URL (${location}): ${what}`);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') {
    return say(
      'no PostgreSQL server answers there; is it running, and is the host and port right?',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return say('the host name is unknown');
  if (code === '28P01' || code === '28000') {
    return say('the server refused the user name or password');
  }
  if (code === '3D000') return say('the database does not exist; create it first (createdb)');
  if (code === '42501')
    return say('the user may not connect to or create objects in this database');
  if (/SSL/i.test(message)) return say(`TLS: ${message}`);
  return say(message || String(error));
}
