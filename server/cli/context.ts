import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Config } from '../config.js';
import { seedRegistry } from '../repos/registry.js';
import type { CliContext } from './types.js';

/** A context on the process's streams; `close()` closes the database if a command opened it. */
export function processContext(config: Config): CliContext & { close(): Promise<void> } {
  let handle: DatabaseHandle | undefined;
  let ready: Promise<Kysely<Database>> | undefined;
  return {
    config,
    env: process.env,
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    db() {
      ready ??= (async () => {
        handle = openDatabase(config.databaseUrl);
        // The same steps as the server's boot, up to what user management needs.
        await migrateToLatest(handle.db);
        await seedRegistry(handle.db);
        return handle.db;
      })();
      return ready;
    },
    async close() {
      await handle?.close();
    },
  };
}
