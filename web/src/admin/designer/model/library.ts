/**
 * Inserting library items: the questions get names free in the survey (`satisfaction` becomes
 * `satisfaction_2` when the survey has one), and the item's own conditions follow the new names.
 * Pure.
 */
import { renameQuestion } from '../../../../../common/survey/references';
import type { SurveyJson } from '../../../../../common/survey/types';
import { isObject, type JsonObject } from '../../../../../common/survey/walk';
import { uniqueName } from './elements';

export function prepareInsert(
  json: SurveyJson,
  elements: JsonObject[],
): { elements: JsonObject[]; names: string[] } {
  // The items as a survey of their own, so renaming finds every reference among them.
  let probe: JsonObject = { pages: [{ name: '__library', elements: structuredClone(elements) }] };
  const also = new Set<string>();
  const names: string[] = [];
  const walk = (list: unknown, visit: (e: JsonObject) => void) => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (!isObject(e)) continue;
      visit(e);
      walk(e.elements, visit);
      walk(e.templateElements, visit);
    }
  };
  const original: string[] = [];
  walk(elements, (e) => typeof e.name === 'string' && original.push(e.name));
  for (const name of original) {
    const free = uniqueName(json, name, also);
    also.add(free.toLowerCase());
    names.push(free);
    if (free !== name) probe = renameQuestion(probe, name, free);
  }
  const page = (probe.pages as JsonObject[])[0]!;
  return { elements: page.elements as JsonObject[], names };
}
