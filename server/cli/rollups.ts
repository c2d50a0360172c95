/**
 * `rollups rebuild`: deletes every rollup and recomputes it from the stored responses
 * (server/reports/rebuild.ts), in one transaction. Run it after a change of the cuboids
 * (server/ingest/cuboids.ts); best with the server stopped, since submissions wait meanwhile.
 */
import { openDatabase } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { rebuildRollups } from '../reports/rebuild.js';
import { UsageError, type CliCommand } from './types.js';

const rebuild: CliCommand = {
  name: 'rollups rebuild',
  usage: '',
  summary: 'recompute every report rollup from the stored responses',
  async run(args, ctx) {
    if (args.length > 0) throw new UsageError(`unexpected argument: ${args.join(' ')}`);
    // Its own connection: the rebuild runs synchronously on the raw SQLite handle, like ingest.
    const handle = openDatabase(ctx.config.databaseUrl);
    try {
      await migrateToLatest(handle.db);
      const started = Date.now();
      const { responses, cells } = rebuildRollups(handle);
      ctx.out(
        `rollups rebuilt from ${responses} responses: ${cells} cells in ${Date.now() - started} ms`,
      );
    } finally {
      await handle.close();
    }
  },
};

export const rollupCommands: CliCommand[] = [rebuild];
