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
 * Survey features this does not implement make compileValidator throw, so a survey that cannot be
 * checked is never served.
 */
import {
  ConditionsParser,
  Helpers,
  Model,
  settings,
  type Operand,
  type ProcessValue,
} from 'survey-core';
import { registerOvozProperties } from '../survey/properties.js';
import type { SurveyJson } from '../survey/types.js';
import type { CompiledValidator, FieldError, ValidationResult } from './validator-types.js';

/* ------------------------------------------------------------------------------------------ */
/* What is read from survey-core's objects at compile time                                     */

interface ItemLike {
  value: unknown;
  visibleIf?: string;
  enableIf?: string;
  isExclusive?: boolean;
  showCommentArea?: boolean;
}

interface ValidatorLike {
  getType(): string;
  minValue?: number | null;
  maxValue?: number | null;
  minLength?: number;
  maxLength?: number;
  allowDigits?: boolean;
  regex?: string;
  caseInsensitive?: boolean;
  expression?: string;
  minCount?: number | null;
  maxCount?: number | null;
}

interface ElementLike {
  name: string;
  isPanel: boolean;
  visible: boolean;
  visibleIf: string;
  readOnly: boolean;
  enableIf: string;
  isRequired: boolean;
  requiredIf: string;
  elements?: ElementLike[];
  getType(): string;
}

interface QuestionLike extends ElementLike {
  getValueName(): string;
  showCommentArea: boolean;
  validators: ValidatorLike[];
  clearIfInvisible: string;
  defaultValue?: unknown;
  defaultValueExpression?: string;
  setValueIf?: string;
  setValueExpression?: string;
  resetValueIf?: string;
  isInputTextUpdate?: boolean;
  // select
  choices?: ItemLike[];
  choicesVisibleIf?: string;
  choicesEnableIf?: string;
  choicesFromQuestion?: string;
  choicesByUrl?: { url?: string };
  hideIfChoicesEmpty?: boolean;
  showOtherItem?: boolean;
  showNoneItem?: boolean;
  showRefuseItem?: boolean;
  showDontKnowItem?: boolean;
  otherItem?: ItemLike;
  noneItem?: ItemLike;
  refuseItem?: ItemLike;
  dontKnowItem?: ItemLike;
  minSelectedChoices?: number;
  maxSelectedChoices?: number;
  valuePropertyName?: string;
  choicesMin?: number;
  choicesMax?: number;
  getStoreOthersAsComment?(): boolean;
  getOthersMaxLength(): number | null;
  // rating
  rateValues?: ItemLike[];
  visibleRateValues?: ItemLike[];
  useRateValues?(): boolean;
  // boolean
  getValueTrue?(): unknown;
  getValueFalse?(): unknown;
  // text, comment
  inputType?: string;
  getMaxLength?(): number | null;
  renderedMin?: unknown;
  renderedMax?: unknown;
  renderedStep?: unknown;
  minValueExpression?: string;
  maxValueExpression?: string;
  maskType?: string;
  // matrix
  rows?: ItemLike[];
  columns?: ItemLike[];
  rowsVisibleIf?: string;
  columnsVisibleIf?: string;
  eachRowRequired?: boolean;
  eachRowUnique?: boolean;
  hideIfRowsEmpty?: boolean;
  cellType?: string;
}

/* ------------------------------------------------------------------------------------------ */
/* The compiled form                                                                             */

interface Expr {
  text: string;
  operand: Operand;
}

interface Container {
  visible: boolean;
  visibleIf: Expr | null;
  readOnly: boolean;
  enableIf: Expr | null;
  parent: Container | null;
  /** Per-evaluation memo: the pass number it was computed in, and the result. */
  memoVisible: number;
  visibleNow: boolean;
}

interface Item {
  value: unknown;
  /** The item's own condition, else the question's choicesVisibleIf/rowsVisibleIf, else none. */
  visibleIf: Expr | null;
  exclusive: boolean;
}

interface Items {
  list: Item[];
  byValue: Map<unknown, Item[]>;
}

type Kind =
  | { t: 'none' }
  | { t: 'rating'; items: Items }
  | { t: 'single'; items: Items }
  | { t: 'multi'; items: Items; min: number; max: number }
  | { t: 'boolean'; valueTrue: unknown; valueFalse: unknown }
  | {
      t: 'text';
      numeric: boolean;
      maxLength: number | null;
      min: unknown;
      max: unknown;
      step: unknown;
      email: boolean;
    }
  | { t: 'comment'; maxLength: number | null }
  | {
      t: 'matrix';
      rows: Items;
      rowByKey: Map<string, Item>;
      columns: Set<unknown>;
      eachRowRequired: boolean;
    };

type Check =
  | { t: 'numeric'; min: number | null; max: number | null }
  | { t: 'text'; minLength: number; maxLength: number; allowDigits: boolean }
  | { t: 'regex'; re: RegExp }
  | { t: 'email' }
  | { t: 'expression'; expr: Expr }
  | { t: 'answercount'; min: number; max: number };

interface QuestionSpec {
  name: string;
  type: string;
  parent: Container;
  visible: boolean;
  visibleIf: Expr | null;
  readOnly: boolean;
  enableIf: Expr | null;
  isRequired: boolean;
  requiredIf: Expr | null;
  /** `<name>-Comment` when the question has an "other" item or a comment area. */
  commentKey: string | null;
  /** The "other" item's value when the comment belongs to it. */
  otherValue: unknown;
  commentMaxLength: number | null;
  kind: Kind;
  checks: Check[];
  /** Whether a rule can fail on an unanswered question (required, every row, minimum, expression). */
  judgesEmpty: boolean;
  /** Whether the question or a page/panel around it has readOnly or enableIf. */
  mayBeReadOnly: boolean;
}

interface Path {
  segments: string[];
  /** `{item}`, `{choice}` or `{self}`: only ever in choice and row conditions. */
  itemVariable: boolean;
  /** The question the longest leading part of the path names, and the rest of the path. */
  question: QuestionSpec | null;
  rest: string[];
  /** Whether some leading part of the path could name a key of the answers (a question or a comment). */
  inValues: boolean;
  lengthFallback: boolean;
}

/* ------------------------------------------------------------------------------------------ */
/* Compiling                                                                                    */

const SUPPORTED_TYPES = new Set([
  'rating',
  'radiogroup',
  'dropdown',
  'checkbox',
  'tagbox',
  'boolean',
  'text',
  'comment',
  'matrix',
  'html',
  'image',
]);
const TEXT_INPUT_TYPES = new Set(['text', 'number', 'email', 'tel', 'url', 'search', 'password']);
const NUMERIC_INPUT_TYPES = new Set(['number']);
const SAFE_FUNCTIONS = new Set([
  'age',
  'avg',
  'count',
  'currentDate',
  'currentYear',
  'dateAdd',
  'dateDiff',
  'day',
  'diffDays',
  'getDate',
  'getYear',
  'iif',
  'max',
  'min',
  'month',
  'round',
  'substring',
  'sum',
  'today',
  'trunc',
  'weekday',
  'year',
]);
/** Names survey-core resolves specially (survey state, element properties, matrix/panel scopes). */
const RESERVED_NAMES = new Set<string>([
  'pageno',
  'pagecount',
  'correctedanswers',
  'correctanswers',
  'correctedanswercount',
  'incorrectedanswers',
  'incorrectanswers',
  'incorrectedanswercount',
  'questioncount',
  'locale',
  ...Object.entries(settings.expressionVariables)
    .filter(([key]) => key !== 'unwrapPostfix')
    .map(([, name]) => String(name).toLocaleLowerCase()),
]);
const ITEM_VARIABLES = new Set(
  [
    settings.expressionVariables.item,
    settings.expressionVariables.choice,
    settings.expressionVariables.self,
  ].map((s) => s.toLocaleLowerCase()),
);
const COMMENT_SUFFIX = settings.commentSuffix;
const EMAIL_RE =
  /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@(([^<>()=[\]\\.,;:\s@"]+\.)+[^<>()=[\]\\.,;:\s@"]{2,})$/i;
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

class Unsupported extends Error {
  constructor(where: string, what: string) {
    super(`survey not supported by the answer validator: ${where}: ${what}`);
  }
}

class Compiler {
  readonly byLowerName = new Map<string, QuestionSpec>();
  private readonly names = new Set<string>();
  private readonly parser = new ConditionsParser();

  /** Parsed conditions by scope and text: registry choices repeat the same few thousand times. */
  private readonly parsed = new Map<string, Expr>();

  expr(text: string | undefined, where: string, scope: Scope): Expr | null {
    if (typeof text !== 'string' || text.trim() === '') return null;
    const key = `${scope}\u0000${text}`;
    const known = this.parsed.get(key);
    if (known) return known;
    const operand = this.parser.parseExpression(text);
    if (!operand) {
      throw new Unsupported(where, `cannot parse the condition ${JSON.stringify(text)}`);
    }
    const operands: Operand[] = [];
    operand.addOperandsToList(operands);
    for (const op of operands) {
      if (op.getType() !== 'function') continue;
      const fn = (op as unknown as { functionName: string }).functionName;
      if (!SAFE_FUNCTIONS.has(fn)) throw new Unsupported(where, `function ${fn}() in a condition`);
    }
    const variables: string[] = [];
    operand.setVariables(variables);
    for (const name of variables) this.checkName(name, where, scope);
    const expr = { text, operand };
    this.parsed.set(key, expr);
    return expr;
  }

  private checkName(name: string, where: string, scope: Scope): void {
    const segments = name.split('.');
    const first = (segments[0] ?? '').toLocaleLowerCase();
    if (scope === 'item' && segments.length === 1 && ITEM_VARIABLES.has(first)) {
      this.names.add(name);
      return;
    }
    if (
      name.startsWith(settings.expressionElementPropertyPrefix) ||
      name.includes('[') ||
      name.includes(settings.expressionVariables.unwrapPostfix) ||
      segments.includes('') ||
      RESERVED_NAMES.has(first)
    ) {
      throw new Unsupported(where, `the variable {${name}}`);
    }
    this.names.add(name);
  }

  /** Resolves every variable name once all questions are known. */
  paths(): Map<string, Path> {
    const keys = new Set<string>();
    for (const q of this.byLowerName.values()) {
      keys.add(q.name.toLowerCase());
      if (q.commentKey) keys.add(q.commentKey.toLowerCase());
    }
    const out = new Map<string, Path>();
    for (const name of this.names) {
      const segments = name.split('.');
      let question: QuestionSpec | null = null;
      let rest: string[] = [];
      let inValues = false;
      for (let k = segments.length - 1; k >= 0; k--) {
        const prefix = segments
          .slice(0, k + 1)
          .join('.')
          .toLowerCase();
        if (keys.has(prefix)) inValues = true;
        const q = this.byLowerName.get(prefix);
        if (q && !question) {
          question = q;
          rest = segments.slice(k + 1);
        }
      }
      out.set(name, {
        segments,
        inValues,
        // Reserved everywhere else, so these names only ever come from choice and row conditions.
        itemVariable: segments.length === 1 && ITEM_VARIABLES.has(name.toLocaleLowerCase()),
        question,
        rest,
        lengthFallback: name.endsWith('.length'),
      });
    }
    return out;
  }
}

type Scope = 'survey' | 'question' | 'item';

function container(
  element: ElementLike,
  parent: Container | null,
  where: string,
  c: Compiler,
): Container {
  if (element.isRequired || element.requiredIf) {
    throw new Unsupported(where, 'a required panel or page');
  }
  return {
    visible: element.visible !== false,
    visibleIf: c.expr(element.visibleIf, `${where}.visibleIf`, 'survey'),
    readOnly: element.readOnly === true,
    enableIf: c.expr(element.enableIf, `${where}.enableIf`, 'survey'),
    parent,
    memoVisible: -1,
    visibleNow: true,
  };
}

function items(
  list: ItemLike[],
  fallback: Expr | null,
  where: string,
  c: Compiler,
  exclusive: (item: ItemLike) => boolean = () => false,
  builtIn = false,
): Items {
  const out: Items = { list: [], byValue: new Map() };
  for (const it of list) {
    const value = it.value;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Unsupported(where, `the item value ${JSON.stringify(value)}`);
    }
    if (it.enableIf) throw new Unsupported(where, 'an item enableIf');
    if (it.showCommentArea && !builtIn) throw new Unsupported(where, 'a comment on a choice');
    const item: Item = {
      value,
      visibleIf: c.expr(it.visibleIf, `${where}[${String(value)}].visibleIf`, 'item') ?? fallback,
      exclusive: exclusive(it),
    };
    out.list.push(item);
    const same = out.byValue.get(value);
    if (same) same.push(item);
    else out.byValue.set(value, [item]);
  }
  return out;
}

function special(q: QuestionLike): ItemLike[] {
  const out: ItemLike[] = [];
  if (q.showNoneItem && q.noneItem) out.push(q.noneItem);
  if (q.showRefuseItem && q.refuseItem) out.push(q.refuseItem);
  if (q.showDontKnowItem && q.dontKnowItem) out.push(q.dontKnowItem);
  if (q.showOtherItem && q.otherItem) out.push(q.otherItem);
  return out;
}

function selectItems(q: QuestionLike, where: string, c: Compiler): Items {
  if (q.choicesFromQuestion) throw new Unsupported(where, 'choicesFromQuestion');
  if (q.choicesByUrl?.url) throw new Unsupported(where, 'choicesByUrl');
  if (q.hideIfChoicesEmpty) throw new Unsupported(where, 'hideIfChoicesEmpty');
  if (q.choicesEnableIf) throw new Unsupported(where, 'choicesEnableIf');
  if (q.valuePropertyName) throw new Unsupported(where, 'valuePropertyName');
  if (q.choicesMin || q.choicesMax) throw new Unsupported(where, 'generated choices');
  const fallback = c.expr(q.choicesVisibleIf, `${where}.choicesVisibleIf`, 'item');
  const regular = items(q.choices ?? [], fallback, where, c, (it) => it.isExclusive === true);
  const extra = items(special(q), null, where, c, (it) => it.isExclusive === true, true);
  for (const item of extra.list) {
    regular.list.push(item);
    const same = regular.byValue.get(item.value);
    if (same) same.push(item);
    else regular.byValue.set(item.value, [item]);
  }
  return regular;
}

function kindOf(q: QuestionLike, type: string, where: string, c: Compiler): Kind {
  switch (type) {
    case 'html':
    case 'image':
      return { t: 'none' };
    case 'rating': {
      const useRateValues = q.useRateValues?.() === true;
      const list = (useRateValues ? q.rateValues : q.visibleRateValues) ?? [];
      return { t: 'rating', items: items(list, null, where, c) };
    }
    case 'radiogroup':
    case 'dropdown':
      return { t: 'single', items: selectItems(q, where, c) };
    case 'checkbox':
    case 'tagbox':
      return {
        t: 'multi',
        items: selectItems(q, where, c),
        min: q.minSelectedChoices ?? 0,
        max: q.maxSelectedChoices ?? 0,
      };
    case 'boolean':
      return { t: 'boolean', valueTrue: q.getValueTrue?.(), valueFalse: q.getValueFalse?.() };
    case 'text': {
      const inputType = q.inputType ?? 'text';
      if (!TEXT_INPUT_TYPES.has(inputType)) throw new Unsupported(where, `inputType ${inputType}`);
      if (q.maskType && q.maskType !== 'none') throw new Unsupported(where, 'an input mask');
      if (q.minValueExpression || q.maxValueExpression) {
        throw new Unsupported(where, 'minValueExpression/maxValueExpression');
      }
      const numeric = NUMERIC_INPUT_TYPES.has(inputType);
      return {
        t: 'text',
        numeric,
        maxLength: numeric ? null : (q.getMaxLength?.() ?? null),
        min: numeric ? q.renderedMin : undefined,
        max: numeric ? q.renderedMax : undefined,
        step: numeric ? q.renderedStep : undefined,
        email: inputType === 'email' && !q.validators.some((v) => v.getType() === 'emailvalidator'),
      };
    }
    case 'comment':
      return { t: 'comment', maxLength: q.getMaxLength?.() ?? null };
    case 'matrix': {
      if (q.eachRowUnique) throw new Unsupported(where, 'eachRowUnique');
      if (q.hideIfRowsEmpty) throw new Unsupported(where, 'hideIfRowsEmpty');
      if (q.columnsVisibleIf) throw new Unsupported(where, 'columnsVisibleIf');
      if (q.cellType && q.cellType !== 'default' && q.cellType !== 'radio') {
        throw new Unsupported(where, `cellType ${q.cellType}`);
      }
      const fallback = c.expr(q.rowsVisibleIf, `${where}.rowsVisibleIf`, 'item');
      const rows = items(q.rows ?? [], fallback, `${where}.rows`, c);
      const rowByKey = new Map<string, Item>();
      for (const row of rows.list) {
        if (typeof row.value !== 'string' || row.value === '' || UNSAFE_NAMES.has(row.value)) {
          throw new Unsupported(where, `the row value ${JSON.stringify(row.value)}`);
        }
        rowByKey.set(row.value, row);
      }
      const columns = new Set<unknown>();
      for (const col of q.columns ?? []) {
        // survey-core drops falsy cell values on completion, so 0 cannot be an answer.
        if ((typeof col.value !== 'string' && typeof col.value !== 'number') || !col.value) {
          throw new Unsupported(where, `the column value ${JSON.stringify(col.value)}`);
        }
        if (col.visibleIf || col.enableIf) throw new Unsupported(where, 'a column condition');
        columns.add(col.value);
      }
      return { t: 'matrix', rows, rowByKey, columns, eachRowRequired: q.eachRowRequired === true };
    }
    default:
      throw new Unsupported(where, `question type ${type}`);
  }
}

function checksOf(q: QuestionLike, where: string, c: Compiler): Check[] {
  return q.validators.map((v): Check => {
    const type = v.getType();
    switch (type) {
      case 'numericvalidator':
        return { t: 'numeric', min: v.minValue ?? null, max: v.maxValue ?? null };
      case 'textvalidator':
        return {
          t: 'text',
          minLength: v.minLength ?? 0,
          maxLength: v.maxLength ?? 0,
          allowDigits: v.allowDigits !== false,
        };
      case 'regexvalidator':
        return { t: 'regex', re: new RegExp(v.regex ?? '', v.caseInsensitive ? 'i' : '') };
      case 'emailvalidator':
        return { t: 'email' };
      case 'expressionvalidator': {
        const expr = c.expr(v.expression, `${where}.validators`, 'question');
        if (!expr) throw new Unsupported(where, 'an empty expression validator');
        return { t: 'expression', expr };
      }
      case 'answercountvalidator':
        return { t: 'answercount', min: v.minCount ?? 0, max: v.maxCount ?? 0 };
      default:
        throw new Unsupported(where, `validator ${type}`);
    }
  });
}

function question(q: QuestionLike, parent: Container, c: Compiler): QuestionSpec {
  const type = q.getType();
  const name = q.name;
  const where = `question ${JSON.stringify(name)}`;
  if (!SUPPORTED_TYPES.has(type)) throw new Unsupported(where, `question type ${type}`);
  if (!name || UNSAFE_NAMES.has(name) || name.endsWith(COMMENT_SUFFIX)) {
    throw new Unsupported(where, 'the question name');
  }
  if (q.getValueName() !== name) throw new Unsupported(where, 'valueName');
  if (c.byLowerName.has(name.toLowerCase())) throw new Unsupported(where, 'a duplicate name');
  if (q.clearIfInvisible && q.clearIfInvisible !== 'default') {
    throw new Unsupported(where, 'clearIfInvisible');
  }
  for (const prop of [
    'defaultValue',
    'defaultValueExpression',
    'setValueIf',
    'setValueExpression',
    'resetValueIf',
  ] as const) {
    if (q[prop] !== undefined && q[prop] !== '' && q[prop] !== null) {
      throw new Unsupported(where, prop);
    }
  }
  const kind = kindOf(q, type, where, c);
  const hasOther = kind.t !== 'none' && q.showOtherItem === true;
  if (hasOther && q.showCommentArea) {
    throw new Unsupported(where, 'both an "other" item and a comment area');
  }
  if (hasOther && q.getStoreOthersAsComment?.() !== true) {
    throw new Unsupported(where, 'storeOthersAsComment: false');
  }
  const spec: QuestionSpec = {
    name,
    type,
    parent,
    visible: q.visible !== false,
    visibleIf: c.expr(q.visibleIf, `${where}.visibleIf`, 'question'),
    readOnly: q.readOnly === true,
    enableIf: c.expr(q.enableIf, `${where}.enableIf`, 'question'),
    isRequired: q.isRequired === true,
    requiredIf: c.expr(q.requiredIf, `${where}.requiredIf`, 'question'),
    commentKey:
      kind.t !== 'none' && (hasOther || q.showCommentArea) ? `${name}${COMMENT_SUFFIX}` : null,
    otherValue: hasOther ? q.otherItem?.value : undefined,
    commentMaxLength: q.getOthersMaxLength(),
    kind,
    checks: checksOf(q, where, c),
    judgesEmpty: false,
    mayBeReadOnly: false,
  };
  spec.judgesEmpty =
    spec.isRequired ||
    spec.requiredIf !== null ||
    (kind.t === 'matrix' && kind.eachRowRequired) ||
    (kind.t === 'multi' && kind.min >= 1) ||
    spec.checks.some((check) => check.t === 'expression');
  for (let x: Container | null = parent; x; x = x.parent) {
    if (x.readOnly || x.enableIf) spec.mayBeReadOnly = true;
  }
  if (spec.readOnly || spec.enableIf) spec.mayBeReadOnly = true;
  c.byLowerName.set(name.toLowerCase(), spec);
  return spec;
}

function walk(elements: ElementLike[], parent: Container, c: Compiler, out: QuestionSpec[]): void {
  for (const element of elements) {
    if (element.isPanel) {
      const where = `panel ${JSON.stringify(element.name)}`;
      walk(element.elements ?? [], container(element, parent, where, c), c, out);
    } else {
      out.push(question(element as QuestionLike, parent, c));
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Evaluating conditions                                                                        */

interface ValueInfo {
  name: string;
  value?: unknown;
  hasValue?: boolean;
  strictCompare?: boolean;
}

/** survey-core's `VariableGetterContext.getValueByItemCore`: a case-insensitive key look-up. */
function itemOf(obj: unknown, name: string): unknown {
  if (!obj || !name) return undefined;
  const nameInLow = name.toLowerCase();
  if (name === 'length' && (Array.isArray(obj) || typeof obj === 'string')) return obj.length;
  if (typeof obj !== 'object') return undefined;
  const a = nameInLow[0];
  const A = name[0]?.toLocaleUpperCase();
  for (const key in obj) {
    const first = key[0];
    if ((first === a || first === A) && key.toLowerCase() === nameInLow) {
      return (obj as Record<string, unknown>)[key];
    }
  }
  return undefined;
}

/** survey-core's `Question.isEmpty()`: empty after trimming strings. */
function isEmpty(value: unknown): boolean {
  return Helpers.isValueEmpty(typeof value === 'string' ? value.trim() : value);
}

let generations = 0;
function nextGeneration(): number {
  generations = (generations + 1) % Number.MAX_SAFE_INTEGER;
  return generations;
}

/**
 * Stands in for survey-core's ProcessValue while an operand evaluates: it is asked for the value
 * of each `{name}` and answers as survey-core's value getter contexts would.
 */
class Evaluation {
  readonly properties: Record<string, unknown> = {};
  readonly asyncValues: Record<string, unknown> = {};
  owner: QuestionSpec | null = null;
  hasItem = false;
  item: unknown = undefined;
  private found: unknown = undefined;
  /**
   * Renewed for every validation and whenever a value is removed, so container visibility
   * memoised on the (shared, compiled) containers is recomputed. Validation is synchronous, so one
   * counter for the process is enough.
   */
  generation = nextGeneration();

  constructor(
    private readonly paths: Map<string, Path>,
    private readonly variables: Record<string, unknown>,
    readonly values: Record<string, unknown>,
  ) {}

  getValueInfo(info: ValueInfo): void {
    const path = this.paths.get(info.name);
    let hasValue = path ? this.resolve(path) : false;
    let value = hasValue ? this.found : undefined;
    if (!hasValue && (path ? path.lengthFallback : info.name.endsWith('.length'))) {
      hasValue = true;
      value = 0;
    }
    info.value = value;
    info.hasValue = hasValue;
    info.strictCompare = false;
  }

  private resolve(path: Path): boolean {
    if (this.hasItem && path.itemVariable) {
      this.found = this.item;
      return true;
    }
    // A question's (or its item's) condition first looks inside the question's own value. Only an
    // object, an array or (for `{length}`) a string can hold anything.
    if (this.owner) {
      const own = this.values[this.owner.name];
      if (
        (typeof own === 'object' || (typeof own === 'string' && path.segments[0] === 'length')) &&
        !isEmpty(own) &&
        this.fromObject(own, path.segments)
      ) {
        return true;
      }
    }
    if (this.fromObject(this.variables, path.segments)) return true;
    if (path.question) {
      const value = this.values[path.question.name];
      if (path.rest.length === 0) {
        this.found = value;
        return true;
      }
      if (!isEmpty(value) && this.fromObject(value, path.rest)) return true;
    }
    // The raw answers hold only question names and comments: skip what cannot be among them.
    return path.inValues && this.fromObject(this.values, path.segments);
  }

  /** survey-core's `VariableGetterContext`: the longest matching dotted key first, then deeper. */
  private fromObject(root: unknown, segments: string[]): boolean {
    let current = root;
    let p = 0;
    while (p < segments.length) {
      let found = false;
      for (let k = segments.length - 1; k >= p; k--) {
        const name = k === p ? (segments[p] as string) : segments.slice(p, k + 1).join('.');
        const v = itemOf(current, name);
        if (v !== undefined) {
          current = v;
          p = k + 1;
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    this.found = current;
    return true;
  }

  /** The raw result, as survey-core's ExpressionRunner gives it to visibleIf/enableIf/requiredIf. */
  raw(expr: Expr, owner: QuestionSpec | null): unknown {
    this.owner = owner;
    this.hasItem = false;
    return expr.operand.evaluate(this as unknown as ProcessValue);
  }

  /** A ConditionRunner's result, as for choices, rows and validators. */
  condition(expr: Expr, owner: QuestionSpec | null, item?: { value: unknown }): boolean {
    this.owner = owner;
    this.hasItem = item !== undefined;
    this.item = item?.value;
    return expr.operand.evaluate(this as unknown as ProcessValue) == true;
  }

  containerVisible(c: Container | null): boolean {
    if (!c) return true;
    if (c.memoVisible === this.generation) return c.visibleNow;
    const own = c.visibleIf ? this.raw(c.visibleIf, null) === true : c.visible;
    c.visibleNow = own && this.containerVisible(c.parent);
    c.memoVisible = this.generation;
    return c.visibleNow;
  }

  containerReadOnly(c: Container | null): boolean {
    for (let x = c; x; x = x.parent) {
      if (x.enableIf ? this.raw(x.enableIf, null) === false : x.readOnly) return true;
    }
    return false;
  }

  visible(q: QuestionSpec): boolean {
    const own = q.visibleIf ? this.raw(q.visibleIf, q) === true : q.visible;
    return own && this.containerVisible(q.parent);
  }

  readOnly(q: QuestionSpec): boolean {
    const own = q.enableIf ? this.raw(q.enableIf, q) === false : q.readOnly;
    return own || this.containerReadOnly(q.parent);
  }

  required(q: QuestionSpec): boolean {
    return q.requiredIf ? this.raw(q.requiredIf, q) === true : q.isRequired;
  }

  itemVisible(item: Item, owner: QuestionSpec): boolean {
    return item.visibleIf ? this.condition(item.visibleIf, owner, item) : true;
  }

  /** Whether `value` is one of the items on offer now. */
  offered(items: Items, value: unknown, owner: QuestionSpec): boolean {
    const candidates = items.byValue.get(value);
    if (!candidates) return false;
    for (const item of candidates) if (this.itemVisible(item, owner)) return true;
    return false;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Checking values                                                                               */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

const MSG = {
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
  digits: 'Must not end with digits.',
  format: 'Does not have the expected format.',
  email: 'Must be an e-mail address.',
  invalid: 'Not a valid answer.',
};

/**
 * Whether a value could not answer the question at all, whatever the conditions: the wrong type,
 * or not one of the question's items. Adds its errors. Checked even for hidden questions.
 */
function malformed(q: QuestionSpec, value: unknown, errors: FieldError[]): boolean {
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
function otherSelected(q: QuestionSpec, value: unknown): boolean {
  if (q.otherValue === undefined) return true;
  return Array.isArray(value) ? value.includes(q.otherValue) : value === q.otherValue;
}

/** Checks of a visible question's present, well-formed value against what is on offer now. */
function checkOffered(q: QuestionSpec, value: unknown, s: Evaluation, errors: FieldError[]): void {
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
function checkRules(q: QuestionSpec, value: unknown, s: Evaluation, errors: FieldError[]): void {
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
function stepIncorrect(value: number, stepValue: number): boolean {
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
function runCheck(check: Check, value: unknown, q: QuestionSpec, s: Evaluation): string | null {
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
      if (Helpers.isValueEmpty(value)) return null;
      const list = Array.isArray(value) ? value : [];
      for (const v of list) if (!check.re.test(String(v))) return MSG.format;
      return check.re.test(String(value)) ? null : MSG.format;
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
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice();
  if (value !== null && typeof value === 'object') {
    // Only a matrix answer gets here, and its keys were all checked to be row names.
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = (value as Record<string, unknown>)[key];
    return out;
  }
  return value;
}

/* ------------------------------------------------------------------------------------------ */
/* The validator                                                                                 */

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
  registerOvozProperties();
  const survey = json as Record<string, unknown>;
  for (const prop of ['triggers', 'calculatedValues']) {
    const v = survey[prop];
    if (Array.isArray(v) && v.length > 0) throw new Unsupported('survey', prop);
  }
  if (survey.mode === 'display' || survey.readOnly === true) {
    throw new Unsupported('survey', 'a read-only survey');
  }
  if (survey.firstPageIsStartPage === true || survey.firstPageIsStarted === true) {
    throw new Unsupported('survey', 'a start page');
  }
  if (survey.showInvisibleElements === true)
    throw new Unsupported('survey', 'showInvisibleElements');
  const model = new Model(json);
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
