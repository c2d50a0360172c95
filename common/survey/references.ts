/**
 * Where a questionnaire names its questions: conditions and expressions (visibleIf, triggers,
 * calculated values, validators…, found by survey-core's property types `condition` and
 * `expression`), `{placeholders}` in texts, and properties that hold a question's name (a skip
 * trigger's target, choices copied from another question). Used to rename a question everywhere,
 * to list what depends on a question before it is deleted, and to find broken references. Pure.
 */
import { ConditionsParser } from 'survey-core';
import { LANGUAGES } from './types.js';
import {
  elementsOf,
  isObject,
  propertyOf,
  setAt,
  walkSurvey,
  type JsonObject,
  type JsonPath,
  type Owner,
} from './walk.js';

export type SiteKind = 'condition' | 'expression' | 'text' | 'name';

export interface Site {
  /** The path of the value (for a text: down to its language). */
  path: JsonPath;
  prop: string;
  owner: Owner;
  kind: SiteKind;
  value: string;
  /** survey-core class of the object holding it (e.g. `skiptrigger`). */
  className: string;
}

const NAME_TYPES = new Set([
  'question',
  'questionvalue',
  'question_carryforward',
  'questionselect',
]);
const NAME_LISTS = new Set(['questions']);

/** Every expression, placeholder text and question-name property of the survey. */
export function sites(json: JsonObject): Site[] {
  const out: Site[] = [];
  walkSurvey(json, ({ obj, className, path, owner }) => {
    for (const [key, value] of Object.entries(obj)) {
      const prop = propertyOf(className, key);
      if (!prop) continue;
      const at = [...path, key];
      const base = { prop: key, owner, className };
      if ((prop.type === 'condition' || prop.type === 'expression') && typeof value === 'string') {
        if (value.trim()) out.push({ ...base, path: at, kind: prop.type, value });
      } else if (NAME_TYPES.has(prop.type) && typeof value === 'string' && value) {
        out.push({ ...base, path: at, kind: 'name', value });
      } else if (className.endsWith('trigger') && NAME_LISTS.has(key) && Array.isArray(value)) {
        value.forEach((v, i) => {
          if (typeof v === 'string')
            out.push({ ...base, path: [...at, i], kind: 'name', value: v });
        });
      } else if (prop.isLocalizable) {
        const texts: [string | null, unknown][] = isObject(value)
          ? Object.entries(value)
          : [[null, value]];
        for (const [lang, text] of texts) {
          if (typeof text === 'string' && /\{[^}]+\}/.test(text)) {
            out.push({
              ...base,
              path: lang === null ? at : [...at, lang],
              kind: 'text',
              value: text,
            });
          }
        }
      }
    }
  });
  return out;
}

const parser = () => new ConditionsParser();

/** The variables an expression reads, or null when survey-core cannot parse it. */
export function expressionVariables(expression: string): string[] | null {
  const op = parser().parseExpression(expression);
  if (!op) return null;
  const vars: string[] = [];
  op.setVariables(vars);
  return vars;
}

/** The question (or value) name a variable starts with: `{m.row1}` → `m`, `{q[0]}` → `q`. */
export const rootOf = (variable: string) =>
  variable
    .trim()
    .split(/[.[]/)[0]!
    .replace(/-unwrapped$/, '')
    .toLowerCase();

/** The names a site refers to (lower-cased roots), or null for an expression that does not parse. */
export function namesIn(site: Site): string[] | null {
  if (site.kind === 'name') return [site.value.toLowerCase()];
  if (site.kind === 'text') {
    return [...site.value.matchAll(/\{([^}]+)\}/g)].map((m) => rootOf(m[1]!));
  }
  const vars = expressionVariables(site.value);
  return vars && vars.map(rootOf);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `expression` with every `{from…}` variable renamed to `{to…}` (case-insensitive, as survey-core). */
export function renameInText(expression: string, from: string, to: string): string {
  const re = new RegExp(`\\{(\\s*)${escapeRe(from)}(?=\\s*\\}|[.[]|-unwrapped)`, 'gi');
  return expression.replace(re, (_m, space: string) => `{${space}${to}`);
}

/** The sites that name `name`, other than the element's own. */
export function dependants(json: JsonObject, name: string): Site[] {
  const lower = name.toLowerCase();
  return sites(json).filter(
    (s) =>
      !(s.owner.name === name && s.owner.kind !== 'survey' && s.owner.kind !== 'page') &&
      (namesIn(s) ?? []).includes(lower),
  );
}

/** A copy of the survey with question `from` renamed to `to` and every reference to it updated. */
export function renameQuestion(json: JsonObject, from: string, to: string): JsonObject {
  let out = json;
  for (const s of sites(json)) {
    const next =
      s.kind === 'name'
        ? s.value.toLowerCase() === from.toLowerCase()
          ? to
          : s.value
        : renameInText(s.value, from, to);
    if (next !== s.value) out = setAt(out, s.path, next);
  }
  for (const { element, path } of elementsOf(out)) {
    if (element.name === from) out = setAt(out, [...path, 'name'], to);
  }
  return out;
}

/** Variables every Ovoz survey has besides its questions (set from the survey link). */
export const KNOWN_VARIABLES = new Set([
  'context_region',
  'context_district',
  'context_provider',
  'context_channel',
  'locale',
  'pageno',
  'pagecount',
  'correctanswers',
  'incorrectanswers',
  'questioncount',
]);

/** Roots that refer to the current row, panel or item, not to a question of the survey. */
export const CONTEXT_ROOTS = new Set([
  'row',
  'panel',
  'parentpanel',
  'rootpanel',
  'item',
  'choice',
  'composite',
  'self',
]);

/** Every name an expression of this survey may read: questions, value names, calculated values. */
export function knownNames(json: JsonObject): Set<string> {
  const names = new Set(KNOWN_VARIABLES);
  for (const { element } of elementsOf(json)) {
    for (const k of ['name', 'valueName']) {
      if (typeof element[k] === 'string') names.add((element[k] as string).toLowerCase());
    }
  }
  if (Array.isArray(json.calculatedValues)) {
    for (const c of json.calculatedValues) {
      if (isObject(c) && typeof c.name === 'string') names.add(c.name.toLowerCase());
    }
  }
  if (Array.isArray(json.pages)) {
    for (const p of json.pages)
      if (isObject(p) && typeof p.name === 'string') names.add(p.name.toLowerCase());
  }
  return names;
}

export interface BrokenReference {
  site: Site;
  /** The unknown names, or [] when the expression does not parse. */
  unknown: string[];
  parses: boolean;
}

/** Expressions that do not parse and references to names the survey does not have. */
export function brokenReferences(json: JsonObject): BrokenReference[] {
  const known = knownNames(json);
  const out: BrokenReference[] = [];
  for (const s of sites(json)) {
    const names = namesIn(s);
    if (names === null) {
      out.push({ site: s, unknown: [], parses: false });
      continue;
    }
    const unknown = names.filter(
      (n) => !known.has(n) && !CONTEXT_ROOTS.has(n) && !LANGUAGES.includes(n as never),
    );
    if (unknown.length) out.push({ site: s, unknown: [...new Set(unknown)], parses: true });
  }
  return out;
}
