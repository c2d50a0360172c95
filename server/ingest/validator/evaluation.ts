/**
 * Evaluating a survey's conditions for one answer set with survey-core's own operators: the
 * `{name}` lookups follow survey-core's rules (variables, questions, raw values; dotted paths).
 */
import { Helpers, type ProcessValue } from 'survey-core';
import type { Container, Expr, Item, Items, Path, QuestionSpec } from './compiled.js';

export interface ValueInfo {
  name: string;
  value?: unknown;
  hasValue?: boolean;
  strictCompare?: boolean;
}

/** survey-core's `VariableGetterContext.getValueByItemCore`: a case-insensitive key look-up. */
export function itemOf(obj: unknown, name: string): unknown {
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
export function isEmpty(value: unknown): boolean {
  return Helpers.isValueEmpty(typeof value === 'string' ? value.trim() : value);
}

let generations = 0;
export function nextGeneration(): number {
  generations = (generations + 1) % Number.MAX_SAFE_INTEGER;
  return generations;
}

/**
 * Stands in for survey-core's ProcessValue while an operand evaluates: it is asked for the value
 * of each `{name}` and answers as survey-core's value getter contexts would.
 */
export class Evaluation {
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
    for (const item of candidates) {
      if (!this.itemVisible(item, owner)) continue;
      if (!item.enableIf || this.condition(item.enableIf, owner, item)) return true;
    }
    return false;
  }
}
