/**
 * Brings the schema up to date from the one list of migrations (db/migrations), on either engine.
 * On PostgreSQL, Kysely's migrator holds an advisory lock meanwhile, so instances that start at
 * once run each migration exactly once.
 */
import { Migrator, type Kysely } from 'kysely';
import { StorageConfigError } from './errors.js';
import { migrations } from './migrations/index.js';

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const missing = /previously executed migration (\S+) is missing/.exec(String(error));
    if (missing) {
      throw new StorageConfigError(
        `this database was written by a newer Ovoz (its schema has migration ${missing[1]}, which this version does not know): run the newer Ovoz, or restore a backup made by this version`,
      );
    }
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
