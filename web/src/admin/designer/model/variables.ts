/**
 * What a condition row can ask about: each question (and each row of a matrix) with the
 * operators that fit its answer and the values it can take. Pure.
 */
import type { Lang, SurveyJson } from '../../../../../common/survey/types';
import { elementsOf, isObject, type JsonObject } from '../../../../../common/survey/walk';
import { textOf } from '../text-of';
import type { Op, Scalar } from './conditions';

export interface Choice {
  value: Scalar;
  text: string;
}

export interface VariableInfo {
  variable: string;
  label: string;
  ops: Op[];
  choices?: Choice[];
  numeric?: boolean;
}

const SINGLE: Op[] = ['equal', 'notequal', 'anyof', 'noneof', 'empty', 'notempty'];
const ORDERED: Op[] = [
  'equal',
  'notequal',
  'greater',
  'less',
  'greaterorequal',
  'lessorequal',
  'anyof',
  'noneof',
  'empty',
  'notempty',
];
const MULTI: Op[] = ['contains', 'notcontains', 'anyof', 'allof', 'noneof', 'empty', 'notempty'];
const NUMBER: Op[] = [
  'equal',
  'notequal',
  'greater',
  'less',
  'greaterorequal',
  'lessorequal',
  'empty',
  'notempty',
];
const TEXT: Op[] = ['equal', 'notequal', 'contains', 'notcontains', 'empty', 'notempty'];

function choicesOf(list: unknown, lang: Lang): Choice[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => {
    const item: JsonObject = isObject(c) ? c : { value: c };
    const v = item.value;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return [];
    return [{ value: v, text: textOf(item.text, lang) || String(v) }];
  });
}

function ratingChoices(q: JsonObject, lang: Lang): Choice[] {
  if (Array.isArray(q.rateValues) && q.rateValues.length) return choicesOf(q.rateValues, lang);
  const min = typeof q.rateMin === 'number' ? q.rateMin : 1;
  const max =
    typeof q.rateMax === 'number' ? q.rateMax : typeof q.rateCount === 'number' ? q.rateCount : 5;
  const step = typeof q.rateStep === 'number' && q.rateStep > 0 ? q.rateStep : 1;
  const out: Choice[] = [];
  for (let v = min; v <= max && out.length < 20; v += step) out.push({ value: v, text: String(v) });
  return out;
}

const allNumbers = (c: Choice[]) => c.length > 0 && c.every((x) => typeof x.value === 'number');

export function variablesOf(json: SurveyJson, lang: Lang): VariableInfo[] {
  const out: VariableInfo[] = [];
  for (const { element: q } of elementsOf(json)) {
    const name = typeof q.name === 'string' ? q.name : '';
    if (!name || q.type === 'panel' || q.type === 'html' || q.type === 'image') continue;
    const label = textOf(q.title, lang) || name;
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown': {
        const choices = choicesOf(q.choices, lang);
        out.push({ variable: name, label, ops: allNumbers(choices) ? ORDERED : SINGLE, choices });
        break;
      }
      case 'checkbox':
      case 'tagbox':
      case 'ranking':
        out.push({ variable: name, label, ops: MULTI, choices: choicesOf(q.choices, lang) });
        break;
      case 'imagepicker':
        out.push({
          variable: name,
          label,
          ops: q.multiSelect ? MULTI : SINGLE,
          choices: choicesOf(q.choices, lang),
        });
        break;
      case 'rating': {
        const choices = ratingChoices(q, lang);
        out.push({
          variable: name,
          label,
          ops: allNumbers(choices) ? ORDERED : SINGLE,
          choices,
          numeric: allNumbers(choices),
        });
        break;
      }
      case 'boolean':
        out.push({
          variable: name,
          label,
          ops: ['equal', 'notequal', 'empty', 'notempty'],
          choices: [
            { value: true, text: textOf(q.labelTrue, lang) || 'true' },
            { value: false, text: textOf(q.labelFalse, lang) || 'false' },
          ],
        });
        break;
      case 'matrix': {
        const columns = choicesOf(q.columns, lang);
        for (const row of choicesOf(q.rows, lang)) {
          out.push({
            variable: `${name}.${String(row.value)}`,
            label: `${label} › ${row.text}`,
            ops: allNumbers(columns.filter((c) => c.value !== 'na')) ? ORDERED : SINGLE,
            choices: columns,
          });
        }
        break;
      }
      case 'text': {
        const numeric = q.inputType === 'number' || q.inputType === 'range';
        out.push({ variable: name, label, ops: numeric ? NUMBER : TEXT, numeric });
        break;
      }
      case 'expression':
      case 'slider':
        out.push({ variable: name, label, ops: NUMBER, numeric: true });
        break;
      default:
        out.push({ variable: name, label, ops: ['empty', 'notempty', 'equal', 'notequal'] });
    }
  }
  for (const kind of ['region', 'district', 'provider', 'channel']) {
    out.push({
      variable: `context_${kind}`,
      label: `context_${kind}`,
      ops: ['empty', 'notempty', 'equal', 'notequal', 'anyof'],
    });
  }
  return out;
}
