/**
 * Errors the storage seam raises in its own words, whatever the engine said. Each engine's module
 * maps its driver's errors here (db/dialect/<engine>/errors.ts); the app maps these to HTTP in its
 * one onError.
 */

/** The database cannot take this request now (busy, full, down, restarting): try again later. */
export class StorageUnavailable extends Error {
  override name = 'StorageUnavailable';
  constructor(
    message: string,
    /** Seconds after which a retry is sensible. */
    readonly retryAfter: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The storage cannot be opened as configured: the message names what to fix. */
export class StorageConfigError extends Error {
  override name = 'StorageConfigError';
}

/** How an engine's module classifies one of its driver's errors. */
export type ErrorKind = 'busy' | 'unavailable' | 'unique' | null;
