/**
 * The validator a served survey version answers submissions with. Surveys the compiled checker
 * covers are checked on the spot (microseconds); the rest — dynamic panels and matrices, rankings,
 * expressions… — need a survey-core Model (validator/model-validator.ts), 100 ms to seconds per
 * answer set, so they are checked in the validating worker, one at a time, each within
 * VALIDATE_BUDGET_MS, while the event loop goes on serving every other request. Compiled there
 * too: a survey whose element types need survey-core never builds a Model on the event loop.
 */
import { AppError } from '../errors.js';
import { sha256 } from '../survey/canonical.js';
import { CheckPool, type PoolWords } from '../survey/check-pool.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { VALIDATE_BUDGET_MS, VALIDATE_QUEUE } from '../../common/limits.js';
import type { ValidateOutcome, ValidateTask } from './validate-task.js';
import { compileCompiled } from './validator.js';
import type { ValidationResult } from './validator-types.js';

export interface ServedValidator {
  readonly checker: 'compiled' | 'survey-core';
  /** As CompiledValidator.validate, without ever blocking the event loop for long. */
  validate(answers: unknown, variables?: Record<string, unknown>): Promise<ValidationResult>;
}

const WORDS: PoolWords = {
  task: 'answer validation',
  busy: () =>
    new AppError('Unavailable', 'too many answers are being checked; send again', undefined, 5),
  overBudget: (budgetMs) =>
    new AppError(
      'Unavailable',
      `checking these answers took longer than ${budgetMs / 1000} s; send again`,
      undefined,
      5,
    ),
  crashed: () =>
    new AppError('Unavailable', 'the answers could not be checked; send again', undefined, 5),
};

let shared: CheckPool<ValidateTask, ValidateOutcome> | null = null;

/** The process's validating worker (a thread of its own, apart from the questionnaire checks). */
export function validationPool(): CheckPool<ValidateTask, ValidateOutcome> {
  shared ??= new CheckPool<ValidateTask, ValidateOutcome>(
    VALIDATE_QUEUE,
    WORDS,
    VALIDATE_BUDGET_MS,
  );
  return shared;
}

/**
 * A survey version's validator: the compiled checker, on the spot, when it covers the survey;
 * else survey-core's, compiled and run in the validating worker. Rejects as compileValidator throws.
 */
export async function serveValidator(
  json: SurveyJson,
  pool = validationPool(),
): Promise<ServedValidator> {
  const fast = compileCompiled(json);
  if (fast) {
    return {
      checker: 'compiled',
      validate: (answers, variables) => Promise.resolve(fast.validate(answers, variables)),
    };
  }
  const text = JSON.stringify(json);
  const key = sha256(text);
  // Compiled in the worker first: a survey it cannot check is refused now, not at submission.
  await pool.run({ validate: { key, json: text } });
  return {
    checker: 'survey-core',
    async validate(answers, variables = {}) {
      const done = await pool.run({ validate: { key, json: text, answers, variables } });
      return (done as { result: ValidationResult }).result;
    },
  };
}
