/**
 * Conditions as rows: "question ▸ operator ▸ value", joined by all/any, in nested groups. An
 * existing expression is read with survey-core's ConditionsParser and shown as rows only when
 * writing the rows back gives an expression survey-core reads exactly the same way; anything else
 * stays text in the raw editor and is never rewritten. Pure.
 */
import { ConditionsParser, type Operand } from 'survey-core';

export const OPERATORS = [
  'equal',
  'notequal',
  'greater',
  'less',
  'greaterorequal',
  'lessorequal',
  'contains',
  'notcontains',
  'anyof',
  'allof',
  'noneof',
  'empty',
  'notempty',
] as const;
export type Op = (typeof OPERATORS)[number];

export type Scalar = string | number | boolean;

export interface Row {
  kind: 'row';
  /** The variable: a question name, `matrix.row`, or a survey variable. */
  variable: string;
  op: Op;
  /** One value, or a list for anyof / allof / noneof; absent for empty / notempty. */
  value?: Scalar | Scalar[];
}

export interface Group {
  kind: 'group';
  all: boolean;
  items: (Row | Group)[];
}

const SYMBOL: Record<Op, string> = {
  equal: '=',
  notequal: '<>',
  greater: '>',
  less: '<',
  greaterorequal: '>=',
  lessorequal: '<=',
  contains: 'contains',
  notcontains: 'notcontains',
  anyof: 'anyof',
  allof: 'allof',
  noneof: 'noneof',
  empty: 'empty',
  notempty: 'notempty',
};

export const LIST_OPS: ReadonlySet<Op> = new Set(['anyof', 'allof', 'noneof']);
export const NO_VALUE_OPS: ReadonlySet<Op> = new Set(['empty', 'notempty']);

function literal(v: Scalar): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // survey-core reads a quote inside a quoted value escaped with a backslash.
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function rowText(r: Row): string {
  const left = `{${r.variable}}`;
  if (NO_VALUE_OPS.has(r.op)) return `${left} ${SYMBOL[r.op]}`;
  if (LIST_OPS.has(r.op)) {
    const list = Array.isArray(r.value) ? r.value : r.value === undefined ? [] : [r.value];
    return `${left} ${SYMBOL[r.op]} [${list.map(literal).join(', ')}]`;
  }
  const v = Array.isArray(r.value) ? r.value[0] : r.value;
  return `${left} ${SYMBOL[r.op]} ${literal(v ?? '')}`;
}

/** The expression the rows stand for ('' for an empty group). */
export function toExpression(g: Group, nested = false): string {
  const parts = g.items
    .map((i) => (i.kind === 'row' ? rowText(i) : toExpression(i, true)))
    .filter((p) => p !== '');
  if (!parts.length) return '';
  const text = parts.join(g.all ? ' and ' : ' or ');
  return nested && parts.length > 1 ? `(${text})` : text;
}

interface OperandLike {
  getType(): string;
  operator?: string;
  conjunction?: string;
  isConjunction?: boolean;
  leftOperand?: OperandLike;
  rightOperand?: OperandLike;
  expression?: OperandLike;
  variable?: string;
  correctValue?: unknown;
  values?: OperandLike[];
}

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function constOf(op: OperandLike | undefined): Scalar | undefined {
  if (!op || op.getType() !== 'const') return undefined;
  return isScalar(op.correctValue) ? op.correctValue : undefined;
}

function toNode(op: OperandLike): Row | Group | null {
  const type = op.getType();
  if (type === 'binary' && op.isConjunction) {
    const all = op.conjunction === 'and';
    const items: (Row | Group)[] = [];
    for (const side of [op.leftOperand, op.rightOperand]) {
      if (!side) return null;
      const node = toNode(side);
      if (!node) return null;
      // a and (b and c) is one list; a and (b or c) keeps its group.
      if (node.kind === 'group' && node.all === all) items.push(...node.items);
      else items.push(node);
    }
    return { kind: 'group', all, items };
  }
  if (type === 'unary') {
    const v = op.expression;
    if ((op.operator === 'empty' || op.operator === 'notempty') && v?.getType() === 'variable') {
      return { kind: 'row', variable: v.variable ?? '', op: op.operator };
    }
    return null;
  }
  if (type === 'binary') {
    const left = op.leftOperand;
    const right = op.rightOperand;
    const name = op.operator as Op;
    if (!left || left.getType() !== 'variable' || !(OPERATORS as readonly string[]).includes(name))
      return null;
    if (
      LIST_OPS.has(name) ||
      ((name === 'contains' || name === 'notcontains') && right?.getType() === 'array')
    ) {
      if (right?.getType() !== 'array') {
        const c = constOf(right);
        return c === undefined
          ? null
          : { kind: 'row', variable: left.variable ?? '', op: name, value: [c] };
      }
      const list = (right.values ?? []).map(constOf);
      if (list.some((v) => v === undefined) || !LIST_OPS.has(name)) return null;
      return { kind: 'row', variable: left.variable ?? '', op: name, value: list as Scalar[] };
    }
    const c = constOf(right);
    if (c === undefined) return null;
    return { kind: 'row', variable: left.variable ?? '', op: name, value: c };
  }
  return null;
}

const parse = (text: string): Operand | null =>
  new ConditionsParser().parseExpression(text) ?? null;

/** Whether survey-core reads an expression at all. */
export const parses = (text: string) => text.trim() === '' || parse(text) !== null;

/** Two expressions survey-core reads as the same condition. */
export function sameCondition(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  return x !== null && y !== null && x.toString() === y.toString();
}

/** The rows of an expression, or null when rows cannot show it exactly (it stays raw text). */
export function fromExpression(text: string): Group | null {
  if (text.trim() === '') return { kind: 'group', all: true, items: [] };
  const op = parse(text);
  if (!op) return null;
  const node = toNode(op as unknown as OperandLike);
  if (!node) return null;
  const group: Group = node.kind === 'group' ? node : { kind: 'group', all: true, items: [node] };
  return sameCondition(toExpression(group), text) ? group : null;
}

/** Every variable the rows read. */
export function rowVariables(g: Group): string[] {
  return g.items.flatMap((i) => (i.kind === 'row' ? [i.variable] : rowVariables(i)));
}
