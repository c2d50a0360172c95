/**
 * Compiling a survey version: walking survey-core's Model once, refusing what the validator
 * cannot check, and turning every question into its compiled form.
 */
import { ConditionsParser, type Operand, settings } from 'survey-core';
import { checkPattern } from '../../survey/pattern.js';
import type { ElementLike, ItemLike, QuestionLike } from './survey-core-shapes.js';
import type { Check, Container, Expr, Item, Items, Kind, Path, QuestionSpec } from './compiled.js';

export const SUPPORTED_TYPES = new Set([
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
export const TEXT_INPUT_TYPES = new Set([
  'text',
  'number',
  'email',
  'tel',
  'url',
  'search',
  'password',
]);
export const NUMERIC_INPUT_TYPES = new Set(['number']);
export const SAFE_FUNCTIONS = new Set([
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
export const RESERVED_NAMES = new Set<string>([
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
export const ITEM_VARIABLES = new Set(
  [
    settings.expressionVariables.item,
    settings.expressionVariables.choice,
    settings.expressionVariables.self,
  ].map((s) => s.toLocaleLowerCase()),
);
export const COMMENT_SUFFIX = settings.commentSuffix;
export const EMAIL_RE =
  /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@(([^<>()=[\]\\.,;:\s@"]+\.)+[^<>()=[\]\\.,;:\s@"]{2,})$/i;
export const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export class Unsupported extends Error {
  constructor(where: string, what: string) {
    super(`survey not supported by the answer validator: ${where}: ${what}`);
  }
}

export class Compiler {
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

export type Scope = 'survey' | 'question' | 'item';

export function container(
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

export function items(
  list: ItemLike[],
  fallback: Expr | null,
  where: string,
  c: Compiler,
  exclusive: (item: ItemLike) => boolean = () => false,
  builtIn = false,
  /** Choices only: survey-core's choicesEnableIf, else null; undefined where enableIf is not checked. */
  enableFallback?: Expr | null,
): Items {
  const out: Items = { list: [], byValue: new Map() };
  for (const it of list) {
    const value = it.value;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Unsupported(where, `the item value ${JSON.stringify(value)}`);
    }
    if (it.enableIf && enableFallback === undefined) {
      throw new Unsupported(where, 'an item enableIf');
    }
    if (it.showCommentArea && !builtIn) throw new Unsupported(where, 'a comment on a choice');
    const item: Item = {
      value,
      visibleIf: c.expr(it.visibleIf, `${where}[${String(value)}].visibleIf`, 'item') ?? fallback,
      enableIf:
        c.expr(it.enableIf, `${where}[${String(value)}].enableIf`, 'item') ??
        enableFallback ??
        null,
      exclusive: exclusive(it),
    };
    out.list.push(item);
    const same = out.byValue.get(value);
    if (same) same.push(item);
    else out.byValue.set(value, [item]);
  }
  return out;
}

export function special(q: QuestionLike): ItemLike[] {
  const out: ItemLike[] = [];
  if (q.showNoneItem && q.noneItem) out.push(q.noneItem);
  if (q.showRefuseItem && q.refuseItem) out.push(q.refuseItem);
  if (q.showDontKnowItem && q.dontKnowItem) out.push(q.dontKnowItem);
  if (q.showOtherItem && q.otherItem) out.push(q.otherItem);
  return out;
}

export function selectItems(q: QuestionLike, where: string, c: Compiler): Items {
  if (q.choicesFromQuestion) throw new Unsupported(where, 'choicesFromQuestion');
  if (q.choicesByUrl?.url) throw new Unsupported(where, 'choicesByUrl');
  if (q.hideIfChoicesEmpty) throw new Unsupported(where, 'hideIfChoicesEmpty');
  if (q.valuePropertyName) throw new Unsupported(where, 'valuePropertyName');
  if (q.choicesMin || q.choicesMax) throw new Unsupported(where, 'generated choices');
  const fallback = c.expr(q.choicesVisibleIf, `${where}.choicesVisibleIf`, 'item');
  const enable = c.expr(q.choicesEnableIf, `${where}.choicesEnableIf`, 'item');
  const regular = items(
    q.choices ?? [],
    fallback,
    where,
    c,
    (it) => it.isExclusive === true,
    false,
    enable,
  );
  const extra = items(special(q), null, where, c, (it) => it.isExclusive === true, true);
  for (const item of extra.list) {
    regular.list.push(item);
    const same = regular.byValue.get(item.value);
    if (same) same.push(item);
    else regular.byValue.set(item.value, [item]);
  }
  return regular;
}

export function kindOf(q: QuestionLike, type: string, where: string, c: Compiler): Kind {
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

export function checksOf(q: QuestionLike, where: string, c: Compiler): Check[] {
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
      case 'regexvalidator': {
        const pattern = checkPattern(v.regex ?? '', v.caseInsensitive === true);
        if (!pattern.ok) throw new Unsupported(where, pattern.message);
        return { t: 'regex', re: pattern.re };
      }
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

export function question(q: QuestionLike, parent: Container, c: Compiler): QuestionSpec {
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

export function walk(
  elements: ElementLike[],
  parent: Container,
  c: Compiler,
  out: QuestionSpec[],
): void {
  for (const element of elements) {
    if (element.isPanel) {
      const where = `panel ${JSON.stringify(element.name)}`;
      walk(element.elements ?? [], container(element, parent, where, c), c, out);
    } else {
      out.push(question(element as QuestionLike, parent, c));
    }
  }
}
