/**
 * `surveys sync [folder]`: syncs the questionnaire files of OVOZ_SURVEYS_DIR (or the folder given)
 * as the server does at start, through the designer's checks. Each file is reported: a new version,
 * no change, or refused with the reason. Exit code 1 when a file was refused; the others still sync.
 *
 * `surveys check [FILE…]`: the checks a survey must pass before it opens (server/survey/
 * open-check.ts, the same as the designer's and POST …/open), run on questionnaire files — by
 * default every surveys/*.json that the start-up sync reads. Prints each problem with its
 * question; exits 1 when a file is not valid SurveyJS, or a file that opens itself
 * (`"ovozStatus": "open"`) is not ready to open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { checkSurvey } from '../survey/check.js';
import { checkBeforeOpening } from '../../common/survey/open-check.js';
import { syncSurveyFiles } from '../survey/sync.js';
import { UsageError, type CliCommand } from './types.js';

const check: CliCommand = {
  name: 'surveys check',
  usage: '[FILE…]',
  summary: 'run the checks before opening on questionnaire files (default: surveys/*.json)',
  async run(args, ctx) {
    const dir = ctx.config.surveysDir;
    const files = args.length
      ? args
      : fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.json'))
            .sort()
            .map((f) => path.join(dir, f))
        : [];
    let refused = 0;
    for (const file of files) {
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        ctx.err(`${file}: ${(e as Error).message}`);
        refused++;
        continue;
      }
      const structure = checkSurvey(json);
      const ready = checkBeforeOpening(json);
      const opens = (json as { ovozStatus?: unknown }).ovozStatus === 'open';
      const errors = [
        ...structure.errors.map((e) => `${e.path || 'survey'}: ${e.message}`),
        ...ready.errors.map((e) => `${e.question ?? 'survey'}: ${e.message}`),
      ];
      ctx.out(
        `${file}: ${errors.length ? `${errors.length} to fix before opening` : 'ready to open'}${ready.warnings.length ? `, ${ready.warnings.length} warnings` : ''}`,
      );
      for (const e of errors) ctx.out(`  error    ${e}`);
      for (const w of ready.warnings) ctx.out(`  warning  ${w.question ?? 'survey'}: ${w.message}`);
      if (!structure.ok || (opens && !ready.ok)) refused++;
    }
    if (refused) {
      throw new AppError(
        'SurveyNotReady',
        `${refused} of ${files.length} files cannot be served as they are`,
      );
    }
  },
};

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
      syncSurveyFiles(storage.db, dir, ctx.config.checkBudgetMs),
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

export const surveyCommands: CliCommand[] = [sync, check];
