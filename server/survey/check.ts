/**
 * Is this JSON a survey Ovoz can serve? Checked before a survey or a version is saved, and by the
 * designer for inline errors (POST /api/admin/surveys/check). Pure apart from survey-core.
 *
 * A survey: loads in survey-core without JSON errors (Ovoz's properties registered), has at least
 * one question that takes an answer, unique question names, only the roles of surveys/README.md
 * (at most one `satisfaction`), sane rating scales (1–5 for satisfaction, drivers and trust; 0–10
 * for recommend; 1–7 for effort), no `{placeholders}` in HTML texts (they would put a citizen's
 * answers into HTML unescaped), and compiles with the answer validator.
 */
import { JsonRequiredPropertyError, JsonUnknownPropertyError, Model } from 'survey-core';
import { compileValidator } from '../ingest/validator.js';
import { materialize, type Registry } from '../../common/survey/materialize.js';
import { MAX_PATTERN_LENGTH } from '../../common/limits.js';
import { checkPattern, type PatternProblem } from './pattern.js';
import { registerOvozProperties } from '../../common/survey/properties.js';
import { limitErrors, type LimitCode } from './survey-limits.js';
import { HTML_KEYS, unsafeNames, unsafePlaceholders } from './placeholders.js';
import { outsideRequests } from './outside.js';

export interface CheckError {
  /** Where in the JSON, e.g. `pages[0].elements[2].role`; '' for the survey as a whole. */
  path: string;
  message: string;
  /** For the admin app's own words: a limit's or a pattern problem's name, and its figures. */
  code?: LimitCode | PatternProblem;
  params?: Record<string, string | number>;
}

export interface CheckResult {
  ok: boolean;
  errors: CheckError[];
  /** The questionnaire is over a documented limit (common/limits.ts): nothing else was checked. */
  tooLarge?: boolean;
}

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const NAME = /^[a-z][a-z0-9_]*$/;
const FIXED_ROLES = new Set([
  'satisfaction',
  'trust',
  'affordability',
  'affordability:afford',
  'delivery_days',
  'recommend',
  'effort',
  'comment',
  'context:region',
  'context:district',
  'context:provider',
  'context:channel',
]);

export function isAllowedRole(role: string): boolean {
  if (FIXED_ROLES.has(role)) return true;
  const m = /^(driver|segment):(.*)$/.exec(role);
  return m !== null && NAME.test(m[2] ?? '');
}

/** The numeric values a role's scale must have exactly. */
function scaleOf(role: string): number[] | null {
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  if (role === 'satisfaction' || role === 'trust' || role.startsWith('driver:')) return range(1, 5);
  if (role === 'recommend') return range(0, 10);
  if (role === 'effort') return range(1, 7);
  return null;
}

const NO_ANSWER_TYPES = new Set(['html', 'image']);
const MAX_RATE_VALUES = 11;

interface FoundQuestion {
  path: string;
  json: JsonObject;
}

/** Every question of the survey's own scope with its path (panels entered, dynamic panels not). */
function questionsOf(json: JsonObject): FoundQuestion[] {
  const out: FoundQuestion[] = [];
  const walk = (elements: unknown, path: string): void => {
    if (!Array.isArray(elements)) return;
    elements.forEach((element, i) => {
      if (!isObject(element)) return;
      const at = `${path}[${i}]`;
      if (element.type === 'panel') walk(element.elements, `${at}.elements`);
      else out.push({ path: at, json: element });
    });
  };
  if (Array.isArray(json.pages)) {
    json.pages.forEach((page, i) => {
      if (isObject(page)) walk(page.elements, `pages[${i}].elements`);
    });
  }
  walk(json.elements, 'elements');
  // The legacy root `questions` array, which survey-core still reads as one page.
  walk(json.questions, 'questions');
  return out;
}

/** Every object of the JSON by identity, with its path: survey-core's errors point at objects. */
function objectPaths(json: unknown): Map<object, string> {
  const paths = new Map<object, string>();
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    paths.set(value, path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(json, '');
  return paths;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

interface RatingLike {
  getType(): string;
  visibleRateValues?: { value: unknown }[];
  rateValues?: { value: unknown }[];
  columns?: { value: unknown }[];
}

function checkScale(
  values: unknown[],
  role: string,
  path: string,
  errors: CheckError[],
  allowNa: boolean,
): void {
  const scale = scaleOf(role);
  if (!scale) return;
  const numbers = values.filter((v) => !(allowNa && v === 'na'));
  const same =
    numbers.length === scale.length &&
    numbers.every((v) => typeof v === 'number' && scale.includes(v));
  if (!same) {
    errors.push({
      path,
      message: `role "${role}" needs the values ${scale[0]}…${scale.at(-1)}${allowNa ? ' (and optionally "na")' : ''}`,
    });
  }
}

function checkRating(q: FoundQuestion, model: RatingLike | null, errors: CheckError[]): void {
  const j = q.json;
  const num = (k: string) => (typeof j[k] === 'number' ? (j[k] as number) : undefined);
  const min = num('rateMin');
  const max = num('rateMax');
  const step = num('rateStep');
  if (min !== undefined && max !== undefined && min >= max) {
    errors.push({ path: join(q.path, 'rateMax'), message: 'rateMax must be greater than rateMin' });
  }
  if (step !== undefined && !(step > 0)) {
    errors.push({ path: join(q.path, 'rateStep'), message: 'rateStep must be greater than 0' });
  }
  if (!model) return;
  const list = (model.rateValues?.length ? model.rateValues : model.visibleRateValues) ?? [];
  const values = list.map((v) => v.value);
  if (values.length < 2 || values.length > MAX_RATE_VALUES) {
    errors.push({
      path: q.path,
      message: `a rating needs 2 to ${MAX_RATE_VALUES} values; this one has ${values.length}`,
    });
    return;
  }
  if (new Set(values.map((v) => JSON.stringify(v))).size !== values.length) {
    errors.push({ path: q.path, message: 'the rating values are not unique' });
  }
  if (typeof j.role === 'string') checkScale(values, j.role, join(q.path, 'role'), errors, false);
}

function checkPlaceholders(
  json: unknown,
  path: string,
  unsafe: Set<string>,
  errors: CheckError[],
): void {
  if (Array.isArray(json)) {
    json.forEach((v, i) => checkPlaceholders(v, `${path}[${i}]`, unsafe, errors));
    return;
  }
  if (!isObject(json)) return;
  for (const [k, v] of Object.entries(json)) {
    const at = join(path, k);
    if (HTML_KEYS.has(k)) {
      const texts = typeof v === 'string' ? [v] : isObject(v) ? Object.values(v) : [];
      const bad = new Set(
        texts.flatMap((t) => (typeof t === 'string' ? unsafePlaceholders(t, unsafe) : [])),
      );
      if (bad.size) {
        errors.push({
          path: at,
          message: `HTML texts must not contain {placeholders} of typed answers (${[...bad]
            .map((n) => `{${n}}`)
            .join(', ')}): they would insert what a citizen typed as HTML`,
        });
      }
    } else {
      checkPlaceholders(v, at, unsafe, errors);
    }
  }
}

function checkRoles(questions: FoundQuestion[], errors: CheckError[]): void {
  let satisfaction: string | null = null;
  const seeRole = (role: unknown, path: string) => {
    if (role === undefined) return;
    if (typeof role !== 'string' || !isAllowedRole(role)) {
      errors.push({ path, message: `unknown role ${JSON.stringify(role)}` });
      return;
    }
    if (role === 'satisfaction') {
      if (satisfaction !== null) {
        errors.push({
          path,
          message: `a survey has at most one "satisfaction" (first: ${satisfaction})`,
        });
      } else satisfaction = path;
    }
  };
  for (const q of questions) {
    seeRole(q.json.role, join(q.path, 'role'));
    if (
      typeof q.json.role === 'string' &&
      q.json.role.startsWith('segment:') &&
      q.json.isRequired
    ) {
      errors.push({
        path: join(q.path, 'isRequired'),
        message: 'segment questions are never required',
      });
    }
    if (!Array.isArray(q.json.rows)) continue;
    q.json.rows.forEach((row, i) => {
      if (!isObject(row) || row.role === undefined) return;
      const at = `${q.path}.rows[${i}].role`;
      if (q.json.type !== 'matrix') {
        errors.push({ path: at, message: 'rows carry roles only in a "matrix" question' });
        return;
      }
      seeRole(row.role, at);
    });
  }
}

function checkNames(questions: FoundQuestion[], errors: CheckError[]): void {
  const seen = new Map<string, FoundQuestion>();
  for (const q of questions) {
    const name = q.json.name;
    // survey-core names an unnamed question itself (question1, question2…), the same way on the
    // citizen's page and here; an unnamed html or image element takes no answer at all.
    if (name === undefined) continue;
    if (typeof name !== 'string' || name.trim() === '') {
      errors.push({ path: join(q.path, 'name'), message: 'every question needs a name' });
      continue;
    }
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, q);
    // Questions of one type may share a name written alike: survey-core keeps one answer for all.
    else if (first.json.type !== q.json.type || first.json.name !== name) {
      errors.push({
        path: join(q.path, 'name'),
        message: `the name "${name}" is used twice (also ${first.path})`,
      });
    }
  }
}

/** Every answer-format pattern, by question: invalid, too long or able to backtrack for minutes. */
function patternErrors(questions: FoundQuestion[]): CheckError[] {
  const errors: CheckError[] = [];
  for (const q of questions) {
    if (!Array.isArray(q.json.validators)) continue;
    const name = typeof q.json.name === 'string' ? q.json.name : '';
    q.json.validators.forEach((v, i) => {
      if (!isObject(v) || v.type !== 'regex' || typeof v.regex !== 'string' || !v.regex) return;
      const verdict = checkPattern(v.regex, v.caseInsensitive === true || v.insensitive === true);
      if (verdict.ok) return;
      errors.push({
        path: `${q.path}.validators[${i}].regex`,
        message: `question "${name}": ${verdict.message}`,
        code: verdict.problem,
        params: { name, length: v.regex.length, limit: MAX_PATTERN_LENGTH },
      });
    });
  }
  return errors;
}

/** Checks a survey JSON; with `registry`, compiles exactly what citizens would be given. */
export function checkSurvey(json: unknown, registry?: Registry): CheckResult {
  if (!isObject(json)) {
    return { ok: false, errors: [{ path: '', message: 'a survey is a JSON object' }] };
  }
  registerOvozProperties();
  const patterns = patternErrors(questionsOf(json));
  const limits = [...limitErrors(json), ...patterns.filter((e) => e.code === 'PatternTooLong')];
  if (limits.length) return { ok: false, errors: limits, tooLarge: true };
  const errors: CheckError[] = [
    ...patterns,
    ...outsideRequests(json).map((o) => ({ path: o.path, message: o.message })),
  ];
  const paths = objectPaths(json);
  let model: Model;
  try {
    model = new Model(json);
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '', message: `survey-core cannot load it: ${(e as Error).message}` }],
    };
  }
  try {
    for (const e of model.jsonErrors ?? []) {
      // Custom properties are kept in the questionnaire and ignored, as survey-core does; an
      // unnamed element is named by survey-core (checkNames).
      if (e instanceof JsonUnknownPropertyError) continue;
      if (e instanceof JsonRequiredPropertyError && e.propertyName === 'name') continue;
      const at = paths.get(e.jsonObj as object) ?? '';
      const obj = e.jsonObj as JsonObject | undefined;
      errors.push({
        path: at,
        message:
          e.type === 'incorrecttypeproperty' && typeof obj?.type === 'string'
            ? `unknown element type ${JSON.stringify(obj.type)}`
            : e.message,
      });
    }
    const questions = questionsOf(json);
    if (
      !questions.some((q) => typeof q.json.type === 'string' && !NO_ANSWER_TYPES.has(q.json.type))
    ) {
      errors.push({ path: '', message: 'a survey needs at least one question' });
    }
    checkNames(questions, errors);
    checkRoles(questions, errors);
    for (const q of questions) {
      const name = typeof q.json.name === 'string' ? q.json.name : '';
      const found = name ? (model.getQuestionByName(name) as unknown as RatingLike | null) : null;
      if (q.json.type === 'rating') checkRating(q, found, errors);
      if (q.json.type === 'matrix' && Array.isArray(q.json.rows) && found?.columns) {
        const columns = found.columns.map((c) => c.value);
        q.json.rows.forEach((row, i) => {
          if (isObject(row) && typeof row.role === 'string') {
            checkScale(columns, row.role, `${q.path}.rows[${i}].role`, errors, true);
          }
        });
      }
    }
    checkPlaceholders(json, '', unsafeNames(json), errors);
  } finally {
    model.dispose();
  }
  if (errors.length === 0) {
    try {
      compileValidator(registry ? materialize(json, registry) : json);
    } catch (e) {
      errors.push({ path: '', message: (e as Error).message });
    }
  }
  return { ok: errors.length === 0, errors };
}
