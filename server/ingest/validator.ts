/**
 * A survey version's answer validator, compiled once and run on every submission.
 *
 * survey-core defines what is valid, but a survey-core Model per request costs milliseconds. So a
 * Model is built once, at compile time, only to read the survey exactly as survey-core understands it
 * (defaults, generated rating values, special choices, length limits); every condition is parsed
 * once by survey-core's own parser and evaluated by survey-core's own operators. The one thing done
 * here is looking up `{name}` in a condition, and it follows survey-core's rules: survey variables
 * first, then questions, then raw values; case-insensitive names; dotted paths; a choice's or a
 * question's own value before the survey's. test/integration/differential.test.ts proves the result
 * equal to survey-core's on thousands of generated answer sets.
 *
 * On top of survey-core's checks (required, the "other" text, number range and step, validators,
 * every-row-required) it rejects what survey-core lets through or silently drops: unknown keys,
 * values of the wrong type, ratings and choices that are not offered (now, under the conditions),
 * "none" combined with other choices, more than maxSelectedChoices, over-long texts, malformed
 * matrix answers. A value that could never answer its question is an error even when the question
 * is hidden; a well-formed answer to a hidden question is dropped. null and empty answers ("", [],
 * {}) count as not given and are not stored. Hidden questions are found the
 * way survey-core clears invisible values on completion (in document order, conditions re-evaluated
 * after every removal), repeated until nothing changes.
 *
 * Surveys with features this does not implement are checked by survey-core itself
 * (validator/model-validator.ts), with the same extra checks; what Ovoz never takes (uploads,
 * choices from a web address, broken or unknown expressions, answer formats that could backtrack)
 * makes compileValidator throw, so such a survey is never served.
 *
 * Here: the validator itself (keys, hidden questions, the result). In validator/: what is read
 * from survey-core's objects (survey-core-shapes.ts), the compiled form (compiled.ts), compiling
 * (compile.ts), evaluating conditions (evaluation.ts) and checking one answer (checks.ts).
 */
import { Helpers, Model } from 'survey-core';
import { registerOvozProperties } from '../../common/survey/properties.js';
import type { SurveyJson } from '../../common/survey/types.js';
import type { CompiledValidator, FieldError, ValidationResult } from './validator-types.js';
import type { ElementLike } from './validator/survey-core-shapes.js';
import type { Path, QuestionSpec } from './validator/compiled.js';
import { Compiler, SUPPORTED_TYPES, Unsupported, container, walk } from './validator/compile.js';
import { Evaluation, nextGeneration } from './validator/evaluation.js';
import { ModelValidator } from './validator/model-validator.js';
import { Refused } from './validator/refused.js';
import {
  MSG,
  checkOffered,
  checkRules,
  copy,
  isPlainObject,
  malformed,
  otherSelected,
} from './validator/checks.js';

class Validator implements CompiledValidator {
  /** Every allowed key: question names and their `-Comment` keys. */
  private readonly keys = new Map<string, { question: QuestionSpec; comment: boolean }>();

  constructor(
    private readonly questions: QuestionSpec[],
    private readonly paths: Map<string, Path>,
  ) {
    for (const q of questions) {
      if (q.kind.t === 'none') continue;
      this.keys.set(q.name, { question: q, comment: false });
      if (q.commentKey) this.keys.set(q.commentKey, { question: q, comment: true });
    }
  }

  validate(answers: unknown, variables: Record<string, unknown> = {}): ValidationResult {
    if (!isPlainObject(answers))
      return { ok: false, fields: [{ name: '', message: MSG.notObject }] };
    const errors: FieldError[] = [];
    const values = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(answers)) {
      const slot = this.keys.get(key);
      if (!slot) {
        errors.push({ name: key, message: MSG.unknown });
        continue;
      }
      const value = answers[key];
      if (value === null || value === undefined) continue;
      if (slot.comment) {
        if (typeof value !== 'string') errors.push({ name: key, message: MSG.text });
        else values[key] = value;
      } else if (!malformed(slot.question, value, errors)) {
        values[key] = value;
      }
    }
    if (errors.length) return { ok: false, fields: errors };

    // survey-core drops an "other" text when "other" is not selected.
    for (const q of this.questions) {
      if (q.commentKey && q.commentKey in values && !otherSelected(q, values[q.name])) {
        delete values[q.commentKey];
      }
    }

    const vars = isPlainObject(variables) ? variables : {};
    const s = new Evaluation(this.paths, vars, values);
    this.clearHidden(s);

    for (const q of this.questions) {
      if (q.kind.t === 'none') continue;
      const value = values[q.name];
      const comment = q.commentKey ? values[q.commentKey] : undefined;
      if (value === undefined && comment === undefined) {
        // Unanswered: only the rules that judge an empty answer matter, if it is shown.
        if (!q.judgesEmpty || !s.visible(q)) continue;
      } // else it is shown: clearing left a value only on visible questions.
      if (value !== undefined) checkOffered(q, value, s, errors);
      if (
        typeof comment === 'string' &&
        q.commentMaxLength !== null &&
        comment.length > q.commentMaxLength
      ) {
        errors.push({ name: q.commentKey as string, message: MSG.tooLong(q.commentMaxLength) });
      }
      if (!q.mayBeReadOnly || !s.readOnly(q)) checkRules(q, value, s, errors);
    }
    if (errors.length) return { ok: false, fields: errors };

    const data: Record<string, unknown> = {};
    for (const q of this.questions) {
      const value = values[q.name];
      if (value !== undefined && !Helpers.isValueEmpty(value)) data[q.name] = copy(value);
      if (q.commentKey) {
        const comment = values[q.commentKey];
        if (comment !== undefined && !Helpers.isValueEmpty(comment)) data[q.commentKey] = comment;
      }
    }
    return { ok: true, data };
  }

  /**
   * survey-core's clearing of invisible values on completion: in document order, a hidden
   * question loses its value (and comment), a visible matrix loses its hidden rows, and every
   * removal is seen by the conditions evaluated after it. Repeated until nothing changes.
   */
  private clearHidden(s: Evaluation): void {
    const values = s.values;
    let changed = true;
    while (changed) {
      changed = false;
      for (const q of this.questions) {
        const has = values[q.name] !== undefined;
        const hasComment = q.commentKey !== null && values[q.commentKey] !== undefined;
        if (!has && !hasComment) continue;
        if (!s.visible(q)) {
          delete values[q.name];
          if (q.commentKey) delete values[q.commentKey];
          s.generation = nextGeneration();
          changed = true;
          continue;
        }
        if (q.kind.t === 'matrix' && has) {
          const cells = values[q.name] as Record<string, unknown>;
          let kept: Record<string, unknown> | null = null;
          for (const key of Object.keys(cells)) {
            const row = q.kind.rowByKey.get(key);
            if (row && !s.itemVisible(row, q)) {
              kept ??= { ...cells };
              delete kept[key];
            }
          }
          if (kept) {
            values[q.name] = kept;
            s.generation = nextGeneration();
            changed = true;
          }
        }
      }
    }
  }
}

/**
 * Compiles the validator of one (materialized) survey version, once: a survey-core Model is built
 * here to read the survey, never at validation time. Throws on features it cannot check.
 * Whatever the survey's `clearInvisibleValues`, answers to hidden questions are never stored.
 */
export function compileValidator(json: SurveyJson): CompiledValidator {
  return compileCompiled(json) ?? new ModelValidator(json);
}

/**
 * The fast compiled checker of a survey it covers; null for a survey survey-core must check
 * (without building a survey-core Model when an element type already says so). Throws as
 * compileValidator does.
 */
export function compileCompiled(json: SurveyJson): CompiledValidator | null {
  registerOvozProperties();
  const survey = json as Record<string, unknown>;
  if (survey.mode === 'display' || survey.readOnly === true) {
    throw new Refused('survey', 'a read-only survey takes no answers');
  }
  if (survey.showInvisibleElements === true) {
    throw new Refused('survey', 'showInvisibleElements shows citizens what the survey hides');
  }
  if (hasTypeBeyond(json, SUPPORTED_TYPES)) return null;
  try {
    return compileFast(json);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
  }
  return null;
}

/** Whether any element (pages and panels aside) has a type outside `types`. */
function hasTypeBeyond(json: SurveyJson, types: ReadonlySet<string>): boolean {
  const beyond = (list: unknown): boolean =>
    Array.isArray(list) &&
    list.some((e) => {
      if (!isPlainObject(e)) return false;
      if (e.type === 'panel') return beyond(e.elements);
      return typeof e.type === 'string' && !types.has(e.type);
    });
  const survey = json as Record<string, unknown>;
  const pages = Array.isArray(survey.pages) ? survey.pages : [];
  return (
    beyond(survey.elements) ||
    beyond(survey.questions) ||
    pages.some((p) => isPlainObject(p) && beyond(p.elements))
  );
}

/**
 * Whether the fast compiled checker covers the survey (the rest is checked by survey-core itself,
 * validator/model-validator.ts): for benchmarks and tests.
 */
export function checkerOf(validator: CompiledValidator): 'compiled' | 'survey-core' {
  return validator instanceof ModelValidator ? 'survey-core' : 'compiled';
}

const NO_ANSWER = new Set(['html', 'image']);

function compileFast(json: SurveyJson): CompiledValidator {
  const survey = json as Record<string, unknown>;
  for (const prop of ['triggers', 'calculatedValues']) {
    const v = survey[prop];
    if (Array.isArray(v) && v.length > 0) throw new Unsupported('survey', prop);
  }
  const model = new Model(json);
  // A start page that only greets (html, image) takes no answers: its questions are checked as
  // any other's. One that asks something is left to survey-core.
  if (survey.firstPageIsStartPage === true || survey.firstPageIsStarted === true) {
    const start = model.pages[0]?.questions ?? [];
    if (start.some((q) => !NO_ANSWER.has(q.getType()))) {
      model.dispose();
      throw new Unsupported('survey', 'a start page with questions');
    }
  }
  const c = new Compiler();
  const questions: QuestionSpec[] = [];
  for (const page of model.pages) {
    const p = page as unknown as ElementLike;
    const where = `page ${JSON.stringify(p.name)}`;
    walk(p.elements ?? [], container(p, null, where, c), c, questions);
  }
  const validator = new Validator(questions, c.paths());
  model.dispose();
  return validator;
}
