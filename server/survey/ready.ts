/** A questionnaire about to open: refused with every problem named, or let through. */
import { checkBeforeOpening, type OpenCheck } from '../../common/survey/open-check.js';
import { AppError } from '../errors.js';

/** Throws `SurveyNotReady` (422) listing every error, each named by its question. */
export function refuseUnlessReady(json: unknown): OpenCheck {
  const result = checkBeforeOpening(json);
  if (!result.ok) {
    throw new AppError(
      'SurveyNotReady',
      `the survey cannot open yet: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`,
      result.errors.map((e) => ({ name: e.question ?? e.key ?? 'survey', message: e.message })),
    );
  }
  return result;
}
