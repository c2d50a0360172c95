/**
 * `rollups rebuild`: deletes every rollup and recomputes it from the stored responses
 * (server/ingest/rebuild-rollups.ts), in one transaction. Run it after a change of the cuboids
 * (db/rollups/cuboids.ts); best with the server stopped, since submissions wait meanwhile.
 */
import cliProgress from 'cli-progress';
import { rebuildRollups } from '../ingest/rebuild-rollups.js';
import { UsageError, type CliCommand } from './types.js';

const rebuild: CliCommand = {
  name: 'rollups rebuild',
  usage: '',
  summary: 'recompute every report rollup from the stored responses',
  async run(args, ctx) {
    if (args.length > 0) throw new UsageError(`unexpected argument: ${args.join(' ')}`);
    const storage = await ctx.storage();
    const { n: total } = await storage.db
      .selectFrom('response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bar = new cliProgress.SingleBar(
      { format: 'rebuild |{bar}| {percentage}% | {value}/{total} responses | ETA {eta_formatted}' },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(Number(total), 0);
    try {
      const { responses, cells } = await rebuildRollups(storage, {
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      ctx.out(
        `rollups rebuilt from ${responses} responses: ${cells} cells in ${Date.now() - started} ms`,
      );
    } finally {
      bar.stop();
    }
  },
};

export const rollupCommands: CliCommand[] = [rebuild];
