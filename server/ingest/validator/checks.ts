/**
 * Checking one answer against its compiled question: well-formedness, what is offered under the
 * conditions, required, ranges, steps and validators; the messages survey-core would give.
 */
import { Helpers } from 'survey-core';
import { MAX_PATTERN_INPUT } from '../../../common/limits.js';
import type { FieldError } from '../validator-types.js';
import type { Check, QuestionSpec } from './compiled.js';
import { EMAIL_RE } from './compile.js';
import { Evaluation, isEmpty } from './evaluation.js';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export const MSG = {
  notObject: 'Answers must be a JSON object.',
  unknown: 'Unknown question.',
  required: 'An answer is required.',
  number: 'Must be a number.',
  text: 'Must be text.',
  list: 'Must be a list of choices.',
  object: 'Must be an object with one answer per row.',
  rating: 'Not one of the offered ratings.',
  choice: 'Not one of the offered choices.',
  duplicate: 'A choice is selected twice.',
  exclusive: 'This choice cannot be combined with others.',
  row: 'Unknown row.',
  column: 'Not one of the offered answers.',
  booleanValue: 'Must be yes or no.',
  otherText: 'Please describe the "other" answer.',
  step: (step: unknown) => `Must be a multiple of ${String(step)}.`,
  tooLong: (max: number) => `Longer than ${max} characters.`,
  tooShort: (min: number) => `Shorter than ${min} characters.`,
  atLeast: (min: unknown) => `Must be at least ${String(min)}.`,
  atMost: (max: unknown) => `Must be at most ${String(max)}.`,
  selectAtLeast: (n: number) => `Select at least ${n}.`,
  selectAtMost: (n: number) => `Select at most ${n}.`,
  rowsAtMost: (n: number) => `At most ${n} rows.`,
  digits: 'Must not end with digits.',
  format: 'Does not have the expected format.',
  email: 'Must be an e-mail address.',
  invalid: 'Not a valid answer.',
};

/**
 * Whether a value could not answer the question at all, whatever the conditions: the wrong type,
 * or not one of the question's items. Adds its errors. Checked even for hidden questions.
 */
export function malformed(q: QuestionSpec, value: unknown, errors: FieldError[]): boolean {
  const k = q.kind;
  let message: string | null = null;
  switch (k.t) {
    case 'none':
      message = MSG.unknown;
      break;
    case 'rating':
      if (!k.items.byValue.has(value)) message = MSG.rating;
      break;
    case 'single':
      if (!k.items.byValue.has(value)) message = MSG.choice;
      break;
    case 'multi':
      if (!Array.isArray(value)) message = MSG.list;
      else {
        for (let i = 0; i < value.length && !message; i++) {
          if (!k.items.byValue.has(value[i])) message = MSG.choice;
          else if (value.indexOf(value[i]) !== i) message = MSG.duplicate;
        }
      }
      break;
    case 'boolean':
      if (value !== k.valueTrue && value !== k.valueFalse) message = MSG.booleanValue;
      break;
    case 'text':
      if (
        k.numeric ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'string'
      ) {
        message = k.numeric ? MSG.number : MSG.text;
      }
      break;
    case 'comment':
      if (typeof value !== 'string') message = MSG.text;
      break;
    case 'matrix': {
      if (!isPlainObject(value)) {
        message = MSG.object;
        break;
      }
      let bad = false;
      for (const key of Object.keys(value)) {
        const cell = !k.rowByKey.has(key)
          ? MSG.row
          : !k.columns.has(value[key])
            ? MSG.column
            : null;
        if (cell) {
          errors.push({ name: `${q.name}.${key}`, message: cell });
          bad = true;
        }
      }
      return bad;
    }
  }
  if (message) errors.push({ name: q.name, message });
  return message !== null;
}

/** Whether the selected value includes the "other" item (so its comment is kept). */
export function otherSelected(q: QuestionSpec, value: unknown): boolean {
  if (q.otherValue === undefined) return true;
  return Array.isArray(value) ? value.includes(q.otherValue) : value === q.otherValue;
}

/** Checks of a visible question's present, well-formed value against what is on offer now. */
export function checkOffered(
  q: QuestionSpec,
  value: unknown,
  s: Evaluation,
  errors: FieldError[],
): void {
  const k = q.kind;
  switch (k.t) {
    case 'rating':
      if (!s.offered(k.items, value, q)) errors.push({ name: q.name, message: MSG.rating });
      return;
    case 'single':
      if (!s.offered(k.items, value, q)) errors.push({ name: q.name, message: MSG.choice });
      return;
    case 'multi': {
      const list = value as unknown[];
      for (const v of list) {
        if (!s.offered(k.items, v, q)) {
          errors.push({ name: q.name, message: MSG.choice });
          return;
        }
      }
      if (list.length > 1 && list.some((v) => k.items.byValue.get(v)?.some((i) => i.exclusive))) {
        errors.push({ name: q.name, message: MSG.exclusive });
      }
      if (k.max > 0 && list.length > k.max) {
        errors.push({ name: q.name, message: MSG.selectAtMost(k.max) });
      }
      return;
    }
    case 'text':
    case 'comment':
      if (k.maxLength !== null && (value as string).length > k.maxLength) {
        errors.push({ name: q.name, message: MSG.tooLong(k.maxLength) });
      }
      return;
    case 'matrix': {
      // Hidden rows were removed while clearing; every remaining cell was checked as well-formed.
      return;
    }
    default:
      return;
  }
}

/** survey-core's own checks (`Question.checkForErrors`), for a visible, enabled question. */
export function checkRules(
  q: QuestionSpec,
  value: unknown,
  s: Evaluation,
  errors: FieldError[],
): void {
  const before = errors.length;
  const k = q.kind;
  if (s.required(q) && isEmpty(value)) errors.push({ name: q.name, message: MSG.required });
  if (q.commentKey && q.otherValue !== undefined && value !== undefined) {
    if (otherSelected(q, value) && !s.values[q.commentKey]) {
      errors.push({ name: q.commentKey, message: MSG.otherText });
    }
  }
  if (k.t === 'multi' && k.min >= 1) {
    const len = Array.isArray(value) ? value.length : 0;
    const exclusive =
      len === 1 && k.items.byValue.get((value as unknown[])[0])?.some((i) => i.exclusive);
    if (!exclusive && len < k.min) {
      errors.push({ name: q.name, message: MSG.selectAtLeast(k.min) });
    }
  }
  if (k.t === 'matrix' && k.eachRowRequired) {
    const cells = isPlainObject(value) ? value : {};
    for (const row of k.rows.list) {
      if (!s.itemVisible(row, q)) continue;
      const key = row.value as string;
      if (isEmpty(hasOwn(cells, key) ? cells[key] : undefined)) {
        errors.push({ name: `${q.name}.${key}`, message: MSG.required });
      }
    }
  }
  if (k.t === 'text' && k.numeric && !isEmpty(value)) {
    const v = value as number;
    if (!Helpers.isValueEmpty(k.min) && v < (k.min as number)) {
      errors.push({ name: q.name, message: MSG.atLeast(k.min) });
    }
    if (!Helpers.isValueEmpty(k.max) && v > (k.max as number)) {
      errors.push({ name: q.name, message: MSG.atMost(k.max) });
    }
    if (Helpers.isNumber(k.step) && stepIncorrect(v, Helpers.getNumber(k.step))) {
      errors.push({ name: q.name, message: MSG.step(k.step) });
    }
  }
  if (k.t === 'text' && k.email && value && !EMAIL_RE.test(value as string)) {
    errors.push({ name: q.name, message: MSG.email });
  }
  if (errors.length > before) return;
  for (const check of q.checks) {
    const message = runCheck(check, value, q, s);
    if (message) errors.push({ name: q.name, message });
  }
}

/** survey-core's `QuestionTextModel.isStepNumberIncorrect`. */
export function stepIncorrect(value: number, stepValue: number): boolean {
  let val = value;
  let step = stepValue;
  let pw = 1;
  while ((Math.round(step * pw) / pw !== step || Math.round(val * pw) / pw !== val) && pw < 1e6) {
    pw *= 10;
  }
  val = Math.round(val * pw);
  step = Math.round(step * pw);
  return step > 0 && val % step !== 0;
}

/** survey-core's validator classes' `validate()`, returning an error message or null. */
export function runCheck(
  check: Check,
  value: unknown,
  q: QuestionSpec,
  s: Evaluation,
): string | null {
  switch (check.t) {
    case 'numeric': {
      if (Helpers.isValueEmpty(value)) return null;
      if (!Helpers.isNumber(value)) return MSG.number;
      const n = Helpers.getNumber(value);
      if (check.min !== null && check.min > n) return MSG.atLeast(check.min);
      if (check.max !== null && check.max < n) return MSG.atMost(check.max);
      return null;
    }
    case 'text': {
      if (Helpers.isValueEmpty(value)) return null;
      const text = value as string;
      if (!check.allowDigits && /\d+$/.test(text)) return MSG.digits;
      if (check.minLength > 0 && text.length < check.minLength)
        return MSG.tooShort(check.minLength);
      if (check.maxLength > 0 && text.length > check.maxLength) return MSG.tooLong(check.maxLength);
      return null;
    }
    case 'regex': {
      // survey-core's validators call a blank text empty (Base.isValueEmpty trims) and skip it.
      if (Helpers.isValueEmpty(typeof value === 'string' ? value.trim() : value)) return null;
      const texts = [...(Array.isArray(value) ? value : []), value].map(String);
      // A pattern never runs on more than MAX_PATTERN_INPUT characters.
      if (texts.some((t) => t.length > MAX_PATTERN_INPUT)) return MSG.tooLong(MAX_PATTERN_INPUT);
      return texts.every((t) => check.re.test(t)) ? null : MSG.format;
    }
    case 'email':
      return !value || EMAIL_RE.test(String(value)) ? null : MSG.email;
    case 'expression':
      return s.condition(check.expr, q) ? null : MSG.invalid;
    case 'answercount': {
      if (!Array.isArray(value) || value.length === 0) return null;
      if (check.min && value.length < check.min) return MSG.selectAtLeast(check.min);
      if (check.max && value.length > check.max) return MSG.selectAtMost(check.max);
      return null;
    }
  }
}

/** A copy of a stored value, so the caller's object is never shared or changed. */
export function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice();
  if (value !== null && typeof value === 'object') {
    // Only a matrix answer gets here, and its keys were all checked to be row names.
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = (value as Record<string, unknown>)[key];
    return out;
  }
  return value;
}
