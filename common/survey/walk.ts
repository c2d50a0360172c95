/**
 * Walks a survey JSON object by object, knowing each object's survey-core class from the
 * Serializer (a question's `type`, a validator's `type` + "validator", a choice's item class…), so
 * translatable texts, expressions and question references are found by survey-core's own metadata
 * rather than by a list of property names. Pure: never mutates the JSON.
 */
import { Serializer, type JsonObjectProperty } from 'survey-core';
import { registerOvozProperties } from './properties.js';

export type JsonObject = Record<string, unknown>;
export type JsonPath = (string | number)[];

export const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The element an object belongs to: its question, panel or page, or the survey itself. */
export interface Owner {
  kind: 'survey' | 'page' | 'panel' | 'question';
  /** The element's name ('' for the survey). */
  name: string;
  /** The page the element is on (its index), when it is on one. */
  page?: number;
}

export interface Visit {
  obj: JsonObject;
  className: string;
  path: JsonPath;
  owner: Owner;
  /** The array property this object is an item of, e.g. `choices`, `validators`. */
  via?: string;
}

/** The survey-core class of an item of the array property `prop`. */
export function itemClass(prop: JsonObjectProperty, item: unknown): string | null {
  const base = prop.className || prop.baseClassName || '';
  if (isObject(item) && typeof item.type === 'string') {
    const part = prop.classNamePart ?? '';
    for (const name of [item.type + part, item.type]) if (Serializer.findClass(name)) return name;
    return null;
  }
  return base || null;
}

/** The property of `className` named `key` (survey-core's lookup, case as written). */
export function propertyOf(className: string, key: string): JsonObjectProperty | null {
  return Serializer.findProperty(className, key) ?? null;
}

/** Lists of questions and panels (`questions` is SurveyJS's older name for `elements`). */
const ELEMENT_ARRAYS = new Set(['elements', 'templateElements', 'questions']);

/** Calls `visit` for the survey and every object below it whose class survey-core knows. */
export function walkSurvey(json: JsonObject, visit: (v: Visit) => void): void {
  registerOvozProperties();
  const walk = (
    obj: JsonObject,
    className: string,
    path: JsonPath,
    owner: Owner,
    via?: string,
  ): void => {
    visit({ obj, className, path, owner, via });
    for (const [key, value] of Object.entries(obj)) {
      if (!Array.isArray(value)) continue;
      const prop = propertyOf(className, key);
      if (!prop) continue;
      value.forEach((item, i) => {
        if (!isObject(item)) return;
        const cls = itemClass(prop, item);
        if (!cls) return;
        let next = owner;
        if (key === 'pages') next = { kind: 'page', name: String(item.name ?? ''), page: i };
        else if (ELEMENT_ARRAYS.has(key)) {
          next = {
            kind: item.type === 'panel' ? 'panel' : 'question',
            name: String(item.name ?? ''),
            page: owner.page,
          };
        }
        walk(item, cls, [...path, key, i], next, key);
      });
    }
  };
  walk(json, 'survey', [], { kind: 'survey', name: '' });
}

export interface ElementPlace {
  element: JsonObject;
  path: JsonPath;
  page?: number;
}

/** Every question and panel in document order (panels, dynamic panels' templates entered). */
export function elementsOf(json: JsonObject): ElementPlace[] {
  const out: ElementPlace[] = [];
  walkSurvey(json, (v) => {
    if (v.via && ELEMENT_ARRAYS.has(v.via))
      out.push({ element: v.obj, path: v.path, page: v.owner.page });
  });
  return out;
}

/** The value at `path`, or undefined. */
export function getAt(json: unknown, path: JsonPath): unknown {
  let cur: unknown = json;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** A copy of `json` with `value` at `path` (undefined removes the key); objects on the way copied. */
export function setAt<T>(json: T, path: JsonPath, value: unknown): T {
  if (!path.length) return value as T;
  const [head, ...rest] = path as [string | number, ...JsonPath];
  if (Array.isArray(json)) {
    const copy = [...json];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const base: JsonObject = isObject(json) ? json : {};
  const next = setAt(base[head as string], rest, value);
  const copy: JsonObject = {};
  let placed = false;
  for (const [k, v] of Object.entries(base)) {
    if (k === head) {
      placed = true;
      if (next !== undefined) copy[k] = next;
    } else copy[k] = v;
  }
  if (!placed && next !== undefined) copy[head as string] = next;
  return copy as T;
}
