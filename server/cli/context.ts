import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Storage } from '../../db/storage.js';
import { openConfiguredStorage } from '../boot.js';
import type { Config } from '../config.js';
import { seedRegistry } from '../repos/registry.js';
import type { CliContext } from './types.js';

/** A context on the process's streams; `close()` closes the database if a command opened it. */
export function processContext(config: Config): CliContext & { close(): Promise<void> } {
  let ready: Promise<Storage> | undefined;
  const storage = () =>
    (ready ??= (async () => {
      const opened = await openConfiguredStorage(config);
      // The same steps as the server's boot, up to what the commands need.
      await opened.exclusive('boot', async () => {
        await opened.migrate();
        await seedRegistry(opened.db);
      });
      return opened;
    })());
  return {
    config,
    env: process.env,
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    storage,
    db: async (): Promise<Kysely<Database>> => (await storage()).db,
    async close() {
      if (ready) await (await ready.catch(() => null))?.close();
    },
  };
}
