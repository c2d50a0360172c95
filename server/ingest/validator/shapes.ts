/**
 * What an answer may look like, whatever the survey's conditions: the compiled "shape" of every
 * question family, read once from survey-core's question objects (templates of matrix columns and
 * dynamic panels included). A value of the wrong shape is refused before it reaches survey-core,
 * even for a hidden question: it could never have come from the citizen's page.
 *
 * Computed values (expression questions, calculated values, matrix totals) have the shape
 * `computed`: whatever the page sends is dropped and survey-core computes them again.
 */
import { settings } from 'survey-core';
import { MAX_DYNAMIC_ROWS, MAX_PATTERN_INPUT } from '../../../common/limits.js';
import { checkPattern } from '../../survey/pattern.js';
import type { FieldError } from '../validator-types.js';
import { MSG, isPlainObject } from './checks.js';
import { Unsupported } from './compile.js';
import { Refused, UPLOAD_REASON, URL_REASON } from './refused.js';

export type Shape =
  | { t: 'computed' }
  | { t: 'none' }
  | { t: 'one'; values: unknown[]; message: string }
  | { t: 'many'; values: unknown[] }
  | { t: 'text'; capped: boolean }
  | { t: 'number'; capped: boolean }
  | { t: 'format'; re: RegExp; message: string }
  | { t: 'record'; fields: Map<string, Shape> }
  | { t: 'keyed'; keys: Set<string>; value: Shape }
  | { t: 'list'; item: Shape; max: number }
  | { t: 'pair' }
  | { t: 'either'; options: Shape[] };

/** The parts of survey-core's question objects read here. */
export interface ShapeSource {
  name: string;
  getType(): string;
  getValueName?(): string;
  inputType?: string;
  maskType?: string;
  maskSettings?: { saveMaskedValue?: boolean };
  choices?: { value: unknown }[];
  choicesByUrl?: { url?: string };
  choicesFromQuestion?: string;
  choicesMin?: number;
  choicesMax?: number;
  choicesStep?: number;
  showOtherItem?: boolean;
  showCommentArea?: boolean;
  showNoneItem?: boolean;
  showRefuseItem?: boolean;
  showDontKnowItem?: boolean;
  otherItem?: { value: unknown };
  noneItem?: { value: unknown };
  refuseItem?: { value: unknown };
  dontKnowItem?: { value: unknown };
  rateValues?: { value: unknown }[];
  visibleRateValues?: { value: unknown }[];
  useRateValues?(): boolean;
  getValueTrue?(): unknown;
  getValueFalse?(): unknown;
  multiSelect?: boolean;
  maxRowCount?: number;
  maxPanelCount?: number;
  sliderType?: string;
  validators?: { getType(): string; regex?: string; caseInsensitive?: boolean }[];
  rows?: { value: unknown }[];
  columns?: { name: string; value?: unknown; totalType?: string; templateQuestion?: ShapeSource }[];
  cellType?: string;
  items?: { name: string; editor: ShapeSource }[];
  template?: { questions: ShapeSource[] };
  survey?: { getQuestionByName(name: string): unknown } | null;
}

/** Input types whose value is a string in a fixed format (as the browser's picker writes it). */
const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'datetime-local': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
  month: /^\d{4}-\d{2}$/,
  week: /^\d{4}-W\d{2}$/,
  time: /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
  color: /^#[0-9a-fA-F]{6}$/,
};
const NUMBER_INPUTS = new Set(['number', 'range']);

function special(q: ShapeSource): unknown[] {
  const out: unknown[] = [];
  if (q.showNoneItem && q.noneItem) out.push(q.noneItem.value);
  if (q.showRefuseItem && q.refuseItem) out.push(q.refuseItem.value);
  if (q.showDontKnowItem && q.dontKnowItem) out.push(q.dontKnowItem.value);
  if (q.showOtherItem && q.otherItem) out.push(q.otherItem.value);
  return out;
}

/** Every value a choice question could ever offer (its conditions aside). */
export function choiceValues(
  q: ShapeSource,
  where: string,
  seen = new Set<ShapeSource>(),
): unknown[] {
  if (q.choicesByUrl?.url) throw new Refused(where, URL_REASON);
  const own = (q.choices ?? []).map((c) => c.value);
  if (q.choicesFromQuestion && !seen.has(q)) {
    seen.add(q);
    const source = q.survey?.getQuestionByName(q.choicesFromQuestion) as ShapeSource | null;
    if (source) own.push(...choiceValues(source, where, seen));
  }
  const min = q.choicesMin ?? 0;
  const max = q.choicesMax ?? 0;
  if (max > min) {
    const step = q.choicesStep && q.choicesStep > 0 ? q.choicesStep : 1;
    for (let v = min, n = 0; v <= max && n < 10_000; v += step, n++) own.push(v);
  }
  return [...own, ...special(q)];
}

function capped(q: ShapeSource, where: string): boolean {
  let found = false;
  for (const v of q.validators ?? []) {
    if (v.getType() !== 'regexvalidator') continue;
    const pattern = checkPattern(v.regex ?? '', v.caseInsensitive === true);
    if (!pattern.ok) throw new Refused(where, pattern.message);
    found = true;
  }
  return found;
}

function textShape(q: ShapeSource, where: string): Shape {
  const inputType = q.inputType ?? 'text';
  const mask = q.maskType ?? 'none';
  if (mask === 'numeric' || mask === 'currency') {
    return q.maskSettings?.saveMaskedValue
      ? { t: 'text', capped: capped(q, where) }
      : { t: 'number', capped: capped(q, where) };
  }
  if (mask === 'none' && NUMBER_INPUTS.has(inputType)) {
    return { t: 'number', capped: capped(q, where) };
  }
  const format = mask === 'none' ? FORMATS[inputType] : undefined;
  if (format) return { t: 'format', re: format, message: MSG.format };
  return { t: 'text', capped: capped(q, where) };
}

/** The comment key survey-core stores next to a question with "other" or a comment area. */
export function commentKey(q: ShapeSource): string | null {
  return q.showOtherItem || q.showCommentArea ? `${valueName(q)}${settings.commentSuffix}` : null;
}

export function valueName(q: ShapeSource): string {
  return q.getValueName ? q.getValueName() : q.name;
}

/** Adds a question's value (and comment) to a record of fields, sharing a name as survey-core does. */
function addField(fields: Map<string, Shape>, q: ShapeSource, where: string): void {
  const shape = shapeOf(q, `${where} › ${q.name}`);
  if (shape.t === 'none') return;
  const name = valueName(q);
  const known = fields.get(name);
  fields.set(name, known ? either(known, shape) : shape);
  const comment = commentKey(q);
  if (comment) fields.set(comment, { t: 'text', capped: false });
}

/** Two questions sharing one value: a value fits when it fits either; rows of both merge. */
export function either(a: Shape, b: Shape): Shape {
  if (a.t === 'list' && b.t === 'list' && a.item.t === 'record' && b.item.t === 'record') {
    const fields = new Map(a.item.fields);
    for (const [k, v] of b.item.fields) {
      const known = fields.get(k);
      fields.set(k, known ? either(known, v) : v);
    }
    return { t: 'list', item: { t: 'record', fields }, max: Math.max(a.max, b.max) };
  }
  if (a.t === 'computed' || b.t === 'computed') return { t: 'computed' };
  return { t: 'either', options: [a, b] };
}

function rowFields(q: ShapeSource, where: string): Map<string, Shape> {
  const fields = new Map<string, Shape>();
  for (const column of q.columns ?? []) {
    const template = column.templateQuestion;
    if (!template) continue;
    const shape = shapeOf(template, `${where} › ${column.name}`);
    if (shape.t === 'none') continue;
    fields.set(column.name, shape);
    if (template.showOtherItem || template.showCommentArea) {
      fields.set(`${column.name}${settings.commentSuffix}`, { t: 'text', capped: false });
    }
  }
  return fields;
}

function rowsAtMost(own: number | undefined): number {
  return typeof own === 'number' && own >= 0 ? Math.min(own, MAX_DYNAMIC_ROWS) : MAX_DYNAMIC_ROWS;
}

/** The shape of one question's value; throws Refused for what Ovoz never takes. */
export function shapeOf(q: ShapeSource, where: string): Shape {
  const type = q.getType();
  capped(q, where);
  switch (type) {
    case 'html':
    case 'image':
      return { t: 'none' };
    case 'expression':
      return { t: 'computed' };
    case 'file':
    case 'signaturepad':
      throw new Refused(where, UPLOAD_REASON);
    case 'rating': {
      const list = (q.useRateValues?.() ? q.rateValues : q.visibleRateValues) ?? [];
      return { t: 'one', values: list.map((i) => i.value), message: MSG.rating };
    }
    case 'radiogroup':
    case 'dropdown':
      return { t: 'one', values: choiceValues(q, where), message: MSG.choice };
    case 'imagepicker':
      return q.multiSelect
        ? { t: 'many', values: choiceValues(q, where) }
        : { t: 'one', values: choiceValues(q, where), message: MSG.choice };
    case 'checkbox':
    case 'tagbox':
    case 'ranking':
      return { t: 'many', values: choiceValues(q, where) };
    case 'boolean':
      return {
        t: 'one',
        values: [q.getValueTrue?.() ?? true, q.getValueFalse?.() ?? false],
        message: MSG.booleanValue,
      };
    case 'text':
      return textShape(q, where);
    case 'comment':
      return { t: 'text', capped: capped(q, where) };
    case 'slider':
      return q.sliderType === 'range' ? { t: 'pair' } : { t: 'number', capped: false };
    case 'multipletext': {
      const fields = new Map<string, Shape>();
      for (const item of q.items ?? []) {
        fields.set(item.name, shapeOf(item.editor, `${where} › ${item.name}`));
      }
      return { t: 'record', fields };
    }
    case 'matrix': {
      const keys = new Set((q.rows ?? []).map((r) => String(r.value)));
      const values = (q.columns ?? []).map((c) => c.value);
      const cell: Shape =
        q.cellType === 'checkbox'
          ? { t: 'many', values }
          : { t: 'one', values, message: MSG.column };
      return { t: 'keyed', keys, value: cell };
    }
    case 'matrixdropdown': {
      const keys = new Set((q.rows ?? []).map((r) => String(r.value)));
      return { t: 'keyed', keys, value: { t: 'record', fields: rowFields(q, where) } };
    }
    case 'matrixdynamic':
      return {
        t: 'list',
        item: { t: 'record', fields: rowFields(q, where) },
        max: rowsAtMost(q.maxRowCount),
      };
    case 'paneldynamic': {
      const fields = new Map<string, Shape>();
      for (const inner of q.template?.questions ?? []) addField(fields, inner, where);
      return { t: 'list', item: { t: 'record', fields }, max: rowsAtMost(q.maxPanelCount) };
    }
    default:
      throw new Unsupported(where, `question type ${type}`);
  }
}

/** Whether `value` fits `shape`; adds field-level errors (named `name`, `name.key`, `name[i].key`). */
export function fits(shape: Shape, value: unknown, name: string, errors: FieldError[]): boolean {
  const fail = (message: string) => {
    errors.push({ name, message });
    return false;
  };
  if (value === null || value === undefined) return true;
  switch (shape.t) {
    case 'computed':
      return true;
    case 'none':
      return fail(MSG.unknown);
    case 'one':
      return shape.values.includes(value) || fail(shape.message);
    case 'many': {
      if (!Array.isArray(value)) return fail(MSG.list);
      for (let i = 0; i < value.length; i++) {
        if (!shape.values.includes(value[i])) return fail(MSG.choice);
        if (value.indexOf(value[i]) !== i) return fail(MSG.duplicate);
      }
      return true;
    }
    case 'text':
      if (typeof value !== 'string') return fail(MSG.text);
      if (shape.capped && value.length > MAX_PATTERN_INPUT)
        return fail(MSG.tooLong(MAX_PATTERN_INPUT));
      return true;
    case 'number':
      return (typeof value === 'number' && Number.isFinite(value)) || fail(MSG.number);
    case 'pair':
      return (
        (Array.isArray(value) &&
          value.length === 2 &&
          value.every((v) => typeof v === 'number' && Number.isFinite(v))) ||
        fail(MSG.number)
      );
    case 'format':
      return (typeof value === 'string' && shape.re.test(value)) || fail(shape.message);
    case 'record': {
      if (!isPlainObject(value)) return fail(MSG.object);
      let ok = true;
      for (const key of Object.keys(value)) {
        const field = shape.fields.get(key);
        if (!field) {
          errors.push({ name: `${name}.${key}`, message: MSG.unknown });
          ok = false;
        } else if (!fits(field, value[key], `${name}.${key}`, errors)) ok = false;
      }
      return ok;
    }
    case 'keyed': {
      if (!isPlainObject(value)) return fail(MSG.object);
      let ok = true;
      for (const key of Object.keys(value)) {
        if (!shape.keys.has(key)) {
          errors.push({ name: `${name}.${key}`, message: MSG.row });
          ok = false;
        } else if (!fits(shape.value, value[key], `${name}.${key}`, errors)) ok = false;
      }
      return ok;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail(MSG.list);
      if (value.length > shape.max) return fail(MSG.rowsAtMost(shape.max));
      let ok = true;
      value.forEach((v, i) => {
        if (!fits(shape.item, v, `${name}[${i}]`, errors)) ok = false;
      });
      return ok;
    }
    case 'either': {
      for (const option of shape.options) if (fits(option, value, name, [])) return true;
      return fits(shape.options[0] as Shape, value, name, errors);
    }
  }
}
