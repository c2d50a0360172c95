/**
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
import { checkBeforeOpening } from '../survey/open-check.js';
import type { CliCommand } from './types.js';

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

export const surveyCommands: CliCommand[] = [check];
