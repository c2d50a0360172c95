/**
 * A new question of any survey-core type, as the toolbox adds it: a free name, and defaults a
 * sociologist would otherwise have to find (three choices to rename, a 1–5 rating shown as
 * buttons on every screen, a matrix with a 1–5 scale). Texts are left to write in the designer.
 */
import type { SurveyJson } from '../../../../../common/survey/types';
import type { JsonObject } from '../../../../../common/survey/walk';
import { uniqueName } from './elements';

const item = (value: string | number) => ({ value });

export function newElement(json: SurveyJson, type: string): JsonObject {
  const name = uniqueName(
    json,
    type === 'panel' || type === 'paneldynamic' ? 'panel1' : 'question1',
  );
  const base: JsonObject = { type, name };
  switch (type) {
    case 'radiogroup':
    case 'checkbox':
    case 'dropdown':
    case 'tagbox':
    case 'ranking':
      return { ...base, choices: [item('item1'), item('item2'), item('item3')] };
    case 'imagepicker':
      return { ...base, choices: [] };
    case 'rating':
      return { ...base, rateMin: 1, rateMax: 5, displayMode: 'buttons' };
    case 'matrix':
      return { ...base, columns: [1, 2, 3, 4, 5].map(item), rows: [item('row1'), item('row2')] };
    case 'matrixdropdown':
      return {
        ...base,
        columns: [{ name: 'column1' }, { name: 'column2' }],
        choices: [1, 2, 3, 4, 5],
        rows: [item('row1'), item('row2')],
      };
    case 'matrixdynamic':
      return {
        ...base,
        columns: [{ name: 'column1' }, { name: 'column2' }],
        choices: [1, 2, 3, 4, 5],
      };
    case 'multipletext':
      return { ...base, items: [{ name: 'text1' }, { name: 'text2' }] };
    case 'panel':
      return { ...base, elements: [] };
    case 'paneldynamic':
      return { ...base, templateElements: [] };
    case 'html':
      return { ...base, html: {} };
    case 'expression':
      return { ...base, expression: '' };
    case 'image':
      return { ...base, imageLink: '' };
    default:
      return base;
  }
}
