/**
 * The survey-core checker: for surveys the fast compiled checker (validator.ts) does not cover —
 * matrices of questions, dynamic panels and matrices, multiple texts, rankings, image pickers,
 * sliders, expressions and calculated values, shared value names, defaults, masks, a start page…
 * One survey-core Model is built per survey version and kept; each submission is decided by it:
 *   1. every key names a value of the survey (a question's value name, its `-Comment`) and every
 *      value has the shape its question could ever send (shapes.ts), even for a hidden question;
 *      computed values (expressions, calculated values, totals) are dropped, survey-core computes
 *      them again;
 *   2. the variables and the answers are set on the Model and invisible values cleared the way
 *      survey-core clears them on completion, again while anything changes;
 *   3. survey-core's own `validate()` must pass, and every visible question (matrix cells and
 *      dynamic panels included) must have sent only what is on offer now: visible, enabled
 *      choices and ratings, an exclusive choice alone, at most maxSelectedChoices, texts within
 *      their maximum length;
 *   4. what is stored is the Model's data, empty values left out.
 * Validation is synchronous, so one Model per version serves every request in turn.
 */
import { ConditionsParser, FunctionFactory, Helpers, Model, type Operand } from 'survey-core';
import type { SurveyJson } from '../../../common/survey/types.js';
import type { CompiledValidator, FieldError, ValidationResult } from '../validator-types.js';
import { MSG, isPlainObject } from './checks.js';
import { visit, type LiveQuestion, type Visit } from './live.js';
import { Refused } from './refused.js';
import {
  commentKey,
  either,
  fits,
  shapeOf,
  valueName,
  type Shape,
  type ShapeSource,
} from './shapes.js';

const MULTI = new Set(['checkbox', 'tagbox', 'ranking']);
const SINGLE = new Set(['radiogroup', 'dropdown']);
const TOTALS_SUFFIX = '-total';
const MAX_CLEARING_ROUNDS = 20;
const DYNAMIC = new Set(['matrixdynamic', 'paneldynamic']);

/** Every condition and expression of the survey must parse and call only survey-core's functions. */
function checkExpressions(json: unknown, where: string): void {
  const parser = new ConditionsParser();
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
      return;
    }
    if (!isPlainObject(value)) return;
    for (const [key, v] of Object.entries(value)) {
      const at = `${path}.${key}`;
      const isExpression = key === 'expression' || key.endsWith('If') || key.endsWith('Expression');
      if (isExpression && typeof v === 'string' && v.trim() !== '') {
        const operand = parser.parseExpression(v);
        if (!operand) throw new Refused(at, `cannot parse the condition ${JSON.stringify(v)}`);
        const operands: Operand[] = [];
        operand.addOperandsToList(operands);
        for (const op of operands) {
          if (op.getType() !== 'function') continue;
          const fn = (op as unknown as { functionName: string }).functionName;
          if (!FunctionFactory.Instance.hasFunction(fn)) {
            throw new Refused(at, `function ${fn}() in a condition`);
          }
        }
      } else walk(v, at);
    }
  };
  walk(json, where);
}

export class ModelValidator implements CompiledValidator {
  private model: Model;
  /**
   * Dynamic matrices and panels keep rows and panels of an earlier answer set: a survey with one
   * gets a fresh Model for every answer set (slower, never wrong).
   */
  private readonly fresh: boolean;
  /** The shape of every key an answer set may have. */
  private readonly shapes = new Map<string, Shape>();
  private topLevel: LiveQuestion[];
  private readonly totals = new Set<string>();
  private vars = '';

  constructor(private readonly json: SurveyJson) {
    checkExpressions(json, 'survey');
    const model = new Model(json);
    this.model = model;
    // Whatever the survey says, answers to hidden questions are never stored.
    model.clearInvisibleValues = 'onComplete';
    const questions = model.getAllQuestions(false, false, false);
    this.topLevel = questions as unknown as LiveQuestion[];
    this.fresh = questions.some((q) => DYNAMIC.has(q.getType()));
    for (const question of questions) {
      const q = question as unknown as ShapeSource;
      const shape = shapeOf(q, `question ${JSON.stringify(q.name)}`);
      if (shape.t === 'none') continue;
      const name = valueName(q);
      const known = this.shapes.get(name);
      this.shapes.set(name, known ? either(known, shape) : shape);
      const comment = commentKey(q);
      if (comment) this.shapes.set(comment, { t: 'text', capped: false });
      const type = q.getType();
      if (
        (type === 'matrixdropdown' || type === 'matrixdynamic') &&
        (q.columns ?? []).some((c) => c.totalType && c.totalType !== 'none')
      ) {
        this.shapes.set(`${name}${TOTALS_SUFFIX}`, { t: 'computed' });
        this.totals.add(`${name}${TOTALS_SUFFIX}`);
      }
    }
    for (const calculated of model.calculatedValues) {
      if (calculated.includeIntoResult) this.shapes.set(calculated.name, { t: 'computed' });
    }
  }

  validate(answers: unknown, variables: Record<string, unknown> = {}): ValidationResult {
    if (!isPlainObject(answers))
      return { ok: false, fields: [{ name: '', message: MSG.notObject }] };
    const errors: FieldError[] = [];
    const input: Record<string, unknown> = {};
    for (const key of Object.keys(answers)) {
      const shape = this.shapes.get(key);
      if (!shape) {
        errors.push({ name: key, message: MSG.unknown });
        continue;
      }
      const value = answers[key];
      if (value === null || value === undefined || !fits(shape, value, key, errors)) continue;
      if (shape.t !== 'computed') input[key] = value;
    }
    if (errors.length) return { ok: false, fields: errors };

    if (this.fresh) {
      this.model.dispose();
      this.model = new Model(this.json);
      this.model.clearInvisibleValues = 'onComplete';
      this.topLevel = this.model.getAllQuestions(false, false, false) as unknown as LiveQuestion[];
      this.vars = '';
    }
    const model = this.model;
    const vars = isPlainObject(variables) ? variables : {};
    const key = JSON.stringify(vars);
    if (key !== this.vars) {
      for (const name of model.getVariableNames()) {
        if (!(name in vars)) model.setVariable(name, undefined);
      }
      for (const [name, value] of Object.entries(vars)) model.setVariable(name, value);
      this.vars = key;
    }
    model.data = structuredClone(input);
    const visits = this.clear(input);
    if (!model.validate(false)) errors.push(...this.errorsOf(visits));
    for (const v of visits) offeredNow(v, errors);
    if (errors.length) return { ok: false, fields: errors };

    const data: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(model.data as Record<string, unknown>)) {
      // Matrix totals are not stored: they follow from the rows.
      if (this.totals.has(name)) continue;
      if (!Helpers.isValueEmpty(value)) data[name] = withoutEmpty(value);
    }
    return { ok: true, data };
  }

  /**
   * survey-core's clearing on completion, repeated until nothing changes; a cell or a dynamic
   * panel's question hidden by its own condition loses its value too (survey-core keeps it).
   * Returns every question built for the answers, nested ones included.
   */
  private clear(input: Record<string, unknown>): Visit[] {
    const model = this.model as unknown as { clearUnusedValues(): void; data: unknown };
    let before = JSON.stringify(model.data);
    let visits: Visit[] = [];
    for (let i = 0; i < MAX_CLEARING_ROUNDS; i++) {
      model.clearUnusedValues();
      visits = [];
      for (const q of this.topLevel) {
        const name = q.getValueName();
        visit(q, name, input[name], commentOf(input, q), visits);
      }
      for (const v of visits) {
        const q = v.question;
        if (q.parentQuestion && !(q.isVisible && q.isParentVisible) && !q.isEmpty()) {
          q.clearValue();
        }
      }
      const after = JSON.stringify(model.data);
      if (after === before) return visits;
      before = after;
    }
    return visits;
  }

  /** survey-core's errors, by the field they belong to. */
  private errorsOf(visits: Visit[]): FieldError[] {
    // Only a validation that "fires callbacks" leaves its errors on the questions.
    this.model.validate(true);
    const out: FieldError[] = [];
    for (const v of visits) {
      if (!v.question.isVisible || !v.question.isParentVisible) continue;
      for (const e of v.question.errors) out.push({ name: v.name, message: e.getText() });
    }
    const containers = [
      ...this.model.pages,
      ...this.model.getAllPanels(false, false),
    ] as unknown as { name: string; errors?: { getText(): string }[] }[];
    for (const c of containers) {
      for (const e of c.errors ?? []) out.push({ name: c.name, message: e.getText() });
    }
    if (out.length === 0) out.push({ name: '', message: MSG.invalid });
    return out;
  }
}

function commentOf(input: Record<string, unknown>, q: LiveQuestion): unknown {
  return input[`${q.getValueName()}-Comment`];
}

/** Ovoz's checks of what a visible question sent against what is on offer now. */
function offeredNow(v: Visit, errors: FieldError[]): void {
  const q = v.question;
  if (!q.isVisible || !q.isParentVisible) return;
  const sent = v.sent;
  const type = q.getType();
  const max = q.getOthersMaxLength?.() ?? null;
  if (typeof v.sentComment === 'string' && max !== null && v.sentComment.length > max) {
    errors.push({ name: `${v.name}-Comment`, message: MSG.tooLong(max) });
  }
  if (sent === undefined || sent === null) return;
  const choices = q.visibleChoices ?? [];
  const onOffer = (value: unknown) => choices.find((c) => c.value === value && c.isEnabled);
  if (type === 'rating') {
    if (!(q.visibleRateValues ?? []).some((r) => r.value === sent)) {
      errors.push({ name: v.name, message: MSG.rating });
    }
  } else if (SINGLE.has(type) || (type === 'imagepicker' && !Array.isArray(sent))) {
    if (!onOffer(sent)) errors.push({ name: v.name, message: MSG.choice });
  } else if (MULTI.has(type) || type === 'imagepicker') {
    const list = sent as unknown[];
    const items = list.map(onOffer);
    if (items.some((i) => !i)) errors.push({ name: v.name, message: MSG.choice });
    else if (list.length > 1 && items.some((i) => i?.isExclusive)) {
      errors.push({ name: v.name, message: MSG.exclusive });
    } else if (q.maxSelectedChoices && list.length > q.maxSelectedChoices) {
      errors.push({ name: v.name, message: MSG.selectAtMost(q.maxSelectedChoices) });
    }
  } else if ((type === 'text' || type === 'comment') && typeof sent === 'string') {
    const limit = q.getMaxLength?.() ?? null;
    if (limit !== null && sent.length > limit) {
      errors.push({ name: v.name, message: MSG.tooLong(limit) });
    }
  }
}

/** A plain copy without empty values inside objects (a cell or a panel field left ""). */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (!Helpers.isValueEmpty(v)) out[k] = withoutEmpty(v);
    return out;
  }
  return value;
}
