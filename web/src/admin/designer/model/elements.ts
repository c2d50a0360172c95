/**
 * Pages, panels and questions as the canvas moves them: find an element by name, insert, remove,
 * move between any two containers (a page, a panel, a dynamic panel's template), unique names,
 * and a readable key order (type, name, title first). Pure: every function returns a new JSON.
 */
import type { SurveyJson } from '../../../../../common/survey/types';
import {
  elementsOf,
  getAt,
  isObject,
  type JsonObject,
  type JsonPath,
} from '../../../../../common/survey/walk';

export type { JsonPath };

const clone = <T>(v: T): T => structuredClone(v);

/** The path of the element named `name` (question or panel), or null. */
export function findElement(json: SurveyJson, name: string): JsonPath | null {
  return elementsOf(json).find((e) => e.element.name === name)?.path ?? null;
}

export function elementAt(json: SurveyJson, path: JsonPath): JsonObject | null {
  const v = getAt(json, path);
  return isObject(v) ? v : null;
}

/** The array an element sits in, and its index there. */
export function parentOf(path: JsonPath): { array: JsonPath; index: number } {
  return { array: path.slice(0, -1), index: Number(path.at(-1)) };
}

function arrayIn(json: SurveyJson, path: JsonPath): unknown[] {
  let cur: unknown = json;
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    const obj = cur as Record<string | number, unknown>;
    if (obj[k] === undefined) obj[k] = i === path.length - 1 ? [] : {};
    cur = obj[k];
  }
  if (!Array.isArray(cur)) throw new Error(`no list at ${path.join('.')}`);
  return cur;
}

export function insertElement(
  json: SurveyJson,
  array: JsonPath,
  index: number,
  element: JsonObject,
): SurveyJson {
  const out = clone(json);
  const list = arrayIn(out, array);
  list.splice(Math.max(0, Math.min(index, list.length)), 0, element);
  return out;
}

export function removeElement(json: SurveyJson, path: JsonPath): SurveyJson {
  const out = clone(json);
  const { array, index } = parentOf(path);
  arrayIn(out, array).splice(index, 1);
  return out;
}

/** Moves the element at `from` to position `index` of the list at `to` (index counted after removal). */
export function moveElement(
  json: SurveyJson,
  from: JsonPath,
  to: JsonPath,
  index: number,
): SurveyJson {
  const out = clone(json);
  const src = parentOf(from);
  const [item] = arrayIn(out, src.array).splice(src.index, 1);
  if (item === undefined) return json;
  const list = arrayIn(out, to);
  list.splice(Math.max(0, Math.min(index, list.length)), 0, item);
  return out;
}

/** Every name used by a question, panel or page (lower-cased: survey-core compares so). */
export function takenNames(json: SurveyJson): Set<string> {
  const names = new Set(elementsOf(json).map((e) => String(e.element.name ?? '').toLowerCase()));
  if (Array.isArray(json.pages))
    for (const p of json.pages) if (isObject(p) && p.name) names.add(String(p.name).toLowerCase());
  return names;
}

/** `base`, or `base_2`, `base_3`… whichever is free. */
export function uniqueName(json: SurveyJson, base: string, also: Set<string> = new Set()): string {
  const taken = takenNames(json);
  const free = (n: string) => !taken.has(n.toLowerCase()) && !also.has(n.toLowerCase());
  if (free(base)) return base;
  const stem = base.replace(/_\d+$/, '');
  let i = 2;
  while (!free(`${stem}_${i}`)) i++;
  return `${stem}_${i}`;
}

const FIRST = ['type', 'name', 'title'];
const ELEMENT_LISTS = new Set(['pages', 'elements', 'templateElements', 'questions']);

/** The same survey with each page's and element's `type`, `name`, `title` first. Deep-equal to the input. */
export function readableOrder(json: SurveyJson): SurveyJson {
  const order = (obj: JsonObject): JsonObject => {
    const out: JsonObject = {};
    for (const k of FIRST) if (k in obj) out[k] = obj[k];
    for (const [k, v] of Object.entries(obj)) {
      if (FIRST.includes(k)) continue;
      out[k] =
        ELEMENT_LISTS.has(k) && Array.isArray(v) ? v.map((e) => (isObject(e) ? order(e) : e)) : v;
    }
    return out;
  };
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(json)) {
    out[k] =
      ELEMENT_LISTS.has(k) && Array.isArray(v) ? v.map((e) => (isObject(e) ? order(e) : e)) : v;
  }
  return out;
}

/** Where the canvas lists a survey's pages: `pages`, or a survey written with top-level `elements`. */
export function pagesOf(json: SurveyJson): { path: JsonPath; page: JsonObject }[] {
  if (Array.isArray(json.pages)) {
    return json.pages.flatMap((p, i) => (isObject(p) ? [{ path: ['pages', i], page: p }] : []));
  }
  // A survey written without pages: its own `elements` are its one page.
  return [{ path: [], page: json }];
}
