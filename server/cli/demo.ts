/**
 * `demo [--responses N] [--seed S] [--end YYYY-MM-DD]`: adds synthetic social-services responses
 * over the last 12 months, with a few planted bottlenecks (server/demo/planted.ts), and matching
 * service volumes and populations. Never run silently: only on this command or OVOZ_DEMO=1.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadDemo } from '../demo/generate.js';
import { DEFAULT_DEMO_RESPONSES, DEFAULT_DEMO_SEED } from '../demo/planted.js';
import { isIsoDay } from '../reports/periods.js';
import { syncSurveyFiles } from '../survey/sync.js';
import { UsageError, type CliCommand } from './types.js';

function wholeNumber(
  value: string | undefined,
  name: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

const demo: CliCommand = {
  name: 'demo',
  usage: `[--responses N (${DEFAULT_DEMO_RESPONSES})] [--seed S (${DEFAULT_DEMO_SEED})] [--end YYYY-MM-DD]`,
  summary: 'add synthetic responses over the last 12 months, with a few planted bottlenecks',
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { responses: { type: 'string' }, seed: { type: 'string' }, end: { type: 'string' } },
    });
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals.join(' ')}`);
    const responses = wholeNumber(
      values.responses,
      '--responses',
      DEFAULT_DEMO_RESPONSES,
      100_000_000,
    );
    const seed = wholeNumber(values.seed, '--seed', DEFAULT_DEMO_SEED, 2 ** 32 - 1);
    if (values.end !== undefined && !isIsoDay(values.end))
      throw new UsageError('--end must be YYYY-MM-DD');

    const storage = await ctx.storage();
    const bar = new cliProgress.SingleBar(
      { format: 'demo |{bar}| {percentage}% | {value}/{total} responses | ETA {eta_formatted}' },
      cliProgress.Presets.shades_classic,
    );
    try {
      await storage.exclusive('boot', () =>
        syncSurveyFiles(storage.db, ctx.config.surveysDir, ctx.config.checkBudgetMs),
      );
      bar.start(responses, 0);
      const summary = await loadDemo(
        { storage, utcOffsetMinutes: ctx.config.utcOffsetMinutes },
        { responses, seed, ...(values.end ? { end: values.end } : {}) },
        (done) => bar.update(done),
      );
      bar.stop();
      ctx.out(
        `demo: ${summary.responses} responses from ${summary.from} to ${summary.to} (seed ${summary.seed}), ` +
          `${summary.volumes} provider-months of service volumes, ${summary.populations} populations`,
      );
    } finally {
      bar.stop();
    }
  },
};

export const demoCommands: CliCommand[] = [demo];
