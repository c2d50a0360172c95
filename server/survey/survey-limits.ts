/**
 * The documented limits of one questionnaire (common/limits.ts), checked on the JSON before
 * survey-core builds anything from it: questions, pages and panels, panels inside panels, and
 * the length of every condition and expression. Iterative, so any shape of JSON is safe to walk.
 */
import {
  MAX_CONTAINERS,
  MAX_EXPRESSION_LENGTH,
  MAX_PANEL_DEPTH,
  MAX_QUESTIONS,
} from '../../common/limits.js';
import type { CheckError } from './check.js';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Conditions and expressions: `visibleIf`, `choicesEnableIf`, `expression`, `setValueExpression`… */
const isExpressionKey = (key: string) => /If$|Expression$|^expression$/.test(key);

const CONTAINER_TYPES = new Set(['panel', 'paneldynamic']);

export type LimitCode =
  'TooManyQuestions' | 'TooManyContainers' | 'PanelsTooDeep' | 'ExpressionTooLong';

/** Every limit the questionnaire is over, each named with where it is. */
export function limitErrors(json: JsonObject): CheckError[] {
  const errors: CheckError[] = [];
  let questions = 0;
  let containers = 0;
  let deepest: { path: string; depth: number } | null = null;
  // Elements: pages, panels, questions; each with its panel depth.
  const elements: { path: string; value: unknown; depth: number }[] = [];
  const pushAll = (list: unknown, path: string, depth: number) => {
    if (Array.isArray(list))
      list.forEach((v, i) => elements.push({ path: `${path}[${i}]`, value: v, depth }));
  };
  if (Array.isArray(json.pages)) {
    json.pages.forEach((page, i) => {
      containers++;
      if (isObject(page)) pushAll(page.elements, `pages[${i}].elements`, 0);
    });
  }
  pushAll(json.elements, 'elements', 0);
  for (let next = elements.pop(); next; next = elements.pop()) {
    if (!isObject(next.value)) continue;
    const type = next.value.type;
    if (typeof type === 'string' && CONTAINER_TYPES.has(type)) {
      containers++;
      const depth = next.depth + 1;
      if (depth > MAX_PANEL_DEPTH && (!deepest || depth > deepest.depth)) {
        deepest = { path: next.path, depth };
      }
      pushAll(next.value.elements ?? next.value.templateElements, `${next.path}.elements`, depth);
    } else questions++;
  }
  if (questions > MAX_QUESTIONS) {
    errors.push({
      path: '',
      message: `the questionnaire has ${questions} questions; the limit is ${MAX_QUESTIONS} (limit: questions per survey)`,
      code: 'TooManyQuestions',
      params: { count: questions, limit: MAX_QUESTIONS },
    });
  }
  if (containers > MAX_CONTAINERS) {
    errors.push({
      path: '',
      message: `the questionnaire has ${containers} pages and panels; the limit is ${MAX_CONTAINERS} (limit: pages and panels per survey)`,
      code: 'TooManyContainers',
      params: { count: containers, limit: MAX_CONTAINERS },
    });
  }
  if (deepest) {
    errors.push({
      path: deepest.path,
      message: `panels are nested more than ${MAX_PANEL_DEPTH} deep here (limit: panel nesting)`,
      code: 'PanelsTooDeep',
      params: { limit: MAX_PANEL_DEPTH },
    });
  }
  // Every condition and expression, anywhere in the JSON.
  const stack: { path: string; value: unknown }[] = [{ path: '', value: json }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { path, value } = next;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ path: `${path}[${i}]`, value: v }));
    } else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (typeof v === 'string' && isExpressionKey(key) && v.length > MAX_EXPRESSION_LENGTH) {
          errors.push({
            path: at,
            message: `this expression is ${v.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH} (limit: expression length)`,
            code: 'ExpressionTooLong',
            params: { count: v.length, limit: MAX_EXPRESSION_LENGTH },
          });
        } else if (v !== null && typeof v === 'object') stack.push({ path: at, value: v });
      }
    }
  }
  return errors;
}
