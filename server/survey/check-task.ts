/**
 * The work of checking a questionnaire from its text, as one task: bounded parse, the envelope
 * split off, texts sanitised, the survey checked against the registry. Runs in the checking
 * worker (check-worker.ts), never on the event loop that serves citizens; pure apart from
 * survey-core, so it can also run inline in a test.
 */
import { AppError, type ErrorCode, type FieldMessage } from '../errors.js';
import { parseJsonText } from '../http/json-text.js';
import type { Registry } from '../repos/registry.js';
import { checkSurvey, type CheckResult } from './check.js';
import { sanitizeSurveyJson } from './sanitize.js';
import type { SurveyJson } from '../../common/survey/types.js';

export interface CheckTask {
  /** A request body (`{ json, …others }`) or, with `whole`, a questionnaire file. */
  text: string;
  whole?: boolean;
  /** Sanitise the texts first (saving), or check them as sent (the designer's inline check). */
  sanitize: boolean;
  registry?: Registry;
}

export interface CheckOutcome {
  /** The body's other fields (e.g. `slug`), for the route's own schema. */
  rest: Record<string, unknown>;
  result: CheckResult;
  /** The sanitised questionnaire, when asked for and the check passed. */
  clean?: SurveyJson;
}

/** What crosses back from the worker when a task fails with a client error. */
export interface TaskFailure {
  code: ErrorCode;
  message: string;
  fields?: FieldMessage[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function runCheckTask(task: CheckTask): CheckOutcome {
  const parsed = parseJsonText(task.text, task.whole ? 'the questionnaire' : 'the body');
  let json: unknown = parsed;
  let rest: Record<string, unknown> = {};
  if (!task.whole) {
    if (!isObject(parsed)) {
      throw new AppError('InvalidBody', 'the request body is not valid', [
        { name: 'body', message: 'must be a JSON object' },
      ]);
    }
    ({ json, ...rest } = parsed);
    if (json === undefined) {
      throw new AppError('InvalidBody', 'the request body is not valid', [
        { name: 'json', message: 'required' },
      ]);
    }
  }
  if (!isObject(json) && task.sanitize && !task.whole) {
    throw new AppError('InvalidBody', 'the request body is not valid', [
      { name: 'json', message: 'must be a SurveyJS JSON object' },
    ]);
  }
  if (!isObject(json)) {
    return {
      rest,
      result: { ok: false, errors: [{ path: '', message: 'a survey is a JSON object' }] },
    };
  }
  const subject = task.sanitize ? sanitizeSurveyJson(json as SurveyJson) : (json as SurveyJson);
  const result = checkSurvey(subject, task.registry);
  return result.ok && task.sanitize ? { rest, result, clean: subject } : { rest, result };
}
