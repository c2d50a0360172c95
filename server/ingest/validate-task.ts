/**
 * Checking answers with survey-core, as a task of the validating worker (check-worker.ts): a
 * survey-core Model costs 100–300 ms per answer set for a survey with dynamic panels or matrices,
 * which must never hold up the event loop that serves every other request. The worker keeps the
 * validators of the surveys it has seen, by the digest of their JSON; the JSON travels with every
 * task (as text, cheap to copy), so a restarted worker simply compiles again.
 */
import { checkerOf, compileValidator } from './validator.js';
import type { CompiledValidator, ValidationResult } from './validator-types.js';
import type { SurveyJson } from '../../common/survey/types.js';

export interface ValidateTask {
  validate: {
    /** The digest of `json`. */
    key: string;
    /** The survey version's (materialized) JSON, as text. */
    json: string;
    /** Absent: only compile, and say which checker the survey needs. */
    answers?: unknown;
    variables?: Record<string, unknown>;
  };
}

export type ValidateOutcome =
  { checker: 'compiled' | 'survey-core' } | { result: ValidationResult };

/** Validators the worker has compiled, most recently used last. */
const KEPT = 16;
const kept = new Map<string, CompiledValidator>();

function validatorFor(key: string, json: string): CompiledValidator {
  let validator = kept.get(key);
  if (validator) kept.delete(key);
  else validator = compileValidator(JSON.parse(json) as SurveyJson);
  kept.set(key, validator);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  return validator;
}

export function runValidateTask({ validate: t }: ValidateTask): ValidateOutcome {
  const validator = validatorFor(t.key, t.json);
  if (t.answers === undefined) return { checker: checkerOf(validator) };
  return { result: validator.validate(t.answers, t.variables) };
}
