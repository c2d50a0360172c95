/**
 * `surveys sync`: syncs the questionnaire files of OVOZ_SURVEYS_DIR (or the folder given) as the
 * server does at start, through the designer's checks. Each file is reported: a new version, no
 * change, or refused with the reason. Exit code 1 when a file was refused; the others still sync.
 */
import { syncSurveyFiles } from '../survey/sync.js';
import { UsageError, type CliCommand } from './types.js';

const sync: CliCommand = {
  name: 'surveys sync',
  usage: '[folder]',
  summary: 'sync questionnaire files (OVOZ_SURVEYS_DIR) through the designer’s checks',
  async run(args, ctx) {
    if (args.length > 1) throw new UsageError(`unexpected argument: ${args.slice(1).join(' ')}`);
    const dir = args[0] ?? ctx.config.surveysDir;
    const storage = await ctx.storage();
    // Under the lock of the server's own start-up sync, whichever instance runs it.
    const { synced, refused } = await storage.exclusive('boot', () =>
      syncSurveyFiles(storage.db, dir),
    );
    for (const s of synced) {
      ctx.out(
        `${s.slug}.json: ${s.created ? `version ${s.version} saved` : `unchanged (version ${s.version})`}`,
      );
    }
    for (const r of refused) ctx.err(`${r.file}: refused: ${r.reason}`);
    ctx.out(`${synced.length} synced, ${refused.length} refused, from ${dir}`);
    if (refused.length) process.exitCode = 1;
  },
};

export const surveyCommands: CliCommand[] = [sync];
