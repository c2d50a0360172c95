/**
 * The answer columns of an export and their codebook entries, from a survey's versions (newest
 * first: its order and texts win; variables only older versions had follow). Pure.
 *
 * One column per answer variable:
 * - a single-choice, rating, text or comment question: its stored value, verbatim;
 * - a matrix: one column per row, `matrix.row`;
 * - a checkbox (or tagbox): one 0/1 column per choice, `question.choice` — the "multiple
 *   dichotomy" layout SPSS (MRSETS /MDGROUP) and Stata (one indicator per option) read directly,
 *   where a `;`-joined list would need string splitting first. A respondent who did not answer
 *   has every column empty (missing), never 0;
 * - a boolean: 1 (true) or 0 (false);
 * - the free text of "other" or of a comment area (`question-Comment`): `question.comment`.
 * The link context (region, district, provider, channel) has its own columns, so `context:*`
 * questions are not repeated; `comment`-role questions come last.
 */
import { LANGUAGES } from '../survey/types.js';
import type { SurveyJson } from '../survey/types.js';
import { joined, labels, same, texts, type Texts } from './texts.js';

export type Cell = string | number | null;

export interface LabelledValue {
  value: string;
  text: Texts;
}

export interface ExportVariable {
  name: string;
  question: string;
  text: Texts;
  type: string;
  valueLabels: Texts;
  /** The coded values with their texts (the value labels, one by one); empty for free answers. */
  values: LabelledValue[];
  role: string;
  versions: number[];
  /** The column's value in one response's answers. */
  read(answers: Record<string, unknown>): Cell;
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const SKIP_TYPES = new Set(['html', 'image', 'expression', 'panel']);

const SPECIAL: readonly [flag: string, value: string, textKey: string, fallback: Texts][] = [
  [
    'showNoneItem',
    'none',
    'noneText',
    { uz: 'Hech biri', 'uz-Cyrl': 'Ҳеч бири', ru: 'Ничего', en: 'None' },
  ],
  [
    'showOtherItem',
    'other',
    'otherText',
    { uz: 'Boshqa', 'uz-Cyrl': 'Бошқа', ru: 'Другое', en: 'Other' },
  ],
  [
    'showRefuseItem',
    'refused',
    'refuseText',
    {
      uz: 'Javob bermayman',
      'uz-Cyrl': 'Жавоб бермайман',
      ru: 'Отказ от ответа',
      en: 'Refuse to answer',
    },
  ],
  [
    'showDontKnowItem',
    'dontknow',
    'dontKnowText',
    { uz: 'Bilmayman', 'uz-Cyrl': 'Билмайман', ru: 'Не знаю', en: "Don't know" },
  ],
];

const DICHOTOMY_VALUES: LabelledValue[] = [
  { value: '1', text: { uz: 'tanlangan', 'uz-Cyrl': 'танланган', ru: 'выбрано', en: 'selected' } },
  {
    value: '0',
    text: { uz: 'tanlanmagan', 'uz-Cyrl': 'танланмаган', ru: 'не выбрано', en: 'not selected' },
  },
];
const DICHOTOMY: Texts = labels(DICHOTOMY_VALUES);
const YES: Texts = { uz: 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' };
const NO: Texts = { uz: 'Yo‘q', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' };
const COMMENT: Texts = { uz: 'izoh', 'uz-Cyrl': 'изоҳ', ru: 'комментарий', en: 'comment' };

function itemsOf(list: unknown): { value: string; text: Texts }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (typeof item === 'string' || typeof item === 'number')
      return [{ value: String(item), text: same(String(item)) }];
    if (isObject(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
      const value = String(item.value);
      return [{ value, text: texts(item.text, value) }];
    }
    return [];
  });
}

function choicesOf(q: JsonObject): { value: string; text: Texts }[] {
  const out = itemsOf(q.choices);
  for (const [flag, value, key, fallback] of SPECIAL) {
    if (q[flag] === true && !out.some((c) => c.value === value)) {
      const given = texts(q[key]);
      out.push({ value, text: LANGUAGES.every((l) => given[l]) ? given : fallback });
    }
  }
  return out;
}

function ratingValues(q: JsonObject): { value: string; text: Texts }[] {
  let values: { value: string; text: Texts }[];
  if (Array.isArray(q.rateValues) && q.rateValues.length) values = itemsOf(q.rateValues);
  else {
    const step = typeof q.rateStep === 'number' && q.rateStep > 0 ? q.rateStep : 1;
    const min = typeof q.rateMin === 'number' ? q.rateMin : 1;
    const max =
      typeof q.rateMax === 'number'
        ? q.rateMax
        : typeof q.rateCount === 'number'
          ? min + (q.rateCount - 1) * step
          : 5;
    values = [];
    for (let v = min; v <= max + 1e-9; v += step)
      values.push({ value: String(v), text: same(String(v)) });
  }
  const first = values[0];
  const last = values[values.length - 1];
  if (first && q.minRateDescription) first.text = texts(q.minRateDescription, first.value);
  if (last && q.maxRateDescription) last.text = texts(q.maxRateDescription, last.value);
  return values;
}

/** Arrays and objects that are not a known shape are kept as JSON text. */
function plain(value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return JSON.stringify(value);
}

function questionsOf(json: SurveyJson): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const e of elements) {
      if (!isObject(e)) continue;
      if (e.type === 'panel') walk(e.elements);
      else out.push(e);
    }
  };
  if (Array.isArray(json.pages)) for (const p of json.pages) if (isObject(p)) walk(p.elements);
  walk(json.elements);
  return out;
}

type Draft = Omit<ExportVariable, 'versions'>;

function variablesOfQuestion(q: JsonObject): Draft[] {
  const name = q.name;
  const type = q.type;
  if (typeof name !== 'string' || typeof type !== 'string' || SKIP_TYPES.has(type)) return [];
  const role = typeof q.role === 'string' ? q.role : '';
  if (role.startsWith('context:')) return [];
  const title = texts(q.title, name);
  const out: Draft[] = [];
  const single = (values: LabelledValue[], kind = type, read?: Draft['read']): Draft => ({
    name,
    question: name,
    text: title,
    type: kind,
    valueLabels: values.length ? labels(values) : same(''),
    values,
    role,
    read: read ?? ((a) => plain(a[name])),
  });

  switch (type) {
    case 'rating':
      out.push(single(ratingValues(q)));
      break;
    case 'radiogroup':
    case 'dropdown':
      out.push(single(choicesOf(q)));
      break;
    case 'checkbox':
    case 'tagbox':
      for (const choice of choicesOf(q)) {
        out.push({
          name: `${name}.${choice.value}`,
          question: name,
          text: joined(title, choice.text),
          type: `${type} (0/1)`,
          valueLabels: DICHOTOMY,
          values: DICHOTOMY_VALUES,
          role,
          read: (a) => {
            const v = a[name];
            if (!Array.isArray(v)) return null;
            return v.some((x) => String(x) === choice.value) ? 1 : 0;
          },
        });
      }
      break;
    case 'boolean': {
      const t = q.valueTrue ?? true;
      const f = q.valueFalse ?? false;
      const custom = t !== true || f !== false;
      const yes = { value: custom ? String(t) : '1', text: q.labelTrue ? texts(q.labelTrue) : YES };
      const no = { value: custom ? String(f) : '0', text: q.labelFalse ? texts(q.labelFalse) : NO };
      out.push(single([yes, no]));
      break;
    }
    case 'matrix': {
      const columnValues = itemsOf(q.columns);
      const columns = labels(columnValues);
      for (const row of itemsOf(q.rows)) {
        const raw = Array.isArray(q.rows)
          ? (q.rows as unknown[]).find((r) => isObject(r) && String(r.value) === row.value)
          : undefined;
        out.push({
          name: `${name}.${row.value}`,
          question: name,
          text: joined(title, row.text),
          type: 'matrix row',
          valueLabels: columns,
          values: columnValues,
          role: isObject(raw) && typeof raw.role === 'string' ? raw.role : '',
          read: (a) => {
            const m = a[name];
            return isObject(m) ? plain(m[row.value]) : null;
          },
        });
      }
      break;
    }
    case 'text':
      out.push(single([], q.inputType === 'number' ? 'number' : 'text'));
      break;
    default:
      out.push(single([]));
  }
  if (
    q.showOtherItem === true ||
    q.hasOther === true ||
    q.showCommentArea === true ||
    q.hasComment === true
  ) {
    const key = `${name}-Comment`;
    out.push({
      name: `${name}.comment`,
      question: name,
      text: joined(title, COMMENT),
      type: 'text',
      valueLabels: same(''),
      values: [],
      role: '',
      read: (a) => plain(a[key]),
    });
  }
  return out;
}

/** Every export variable of a survey, from its versions newest first; comments last. */
export function exportVariables(
  versions: readonly { version: number; json: SurveyJson }[],
): ExportVariable[] {
  const byName = new Map<string, ExportVariable>();
  for (const v of versions) {
    for (const q of questionsOf(v.json)) {
      for (const draft of variablesOfQuestion(q)) {
        const known = byName.get(draft.name);
        if (known) known.versions.push(v.version);
        else byName.set(draft.name, { ...draft, versions: [v.version] });
      }
    }
  }
  const all = [...byName.values()];
  for (const v of all) v.versions.sort((a, b) => a - b);
  return [...all.filter((v) => v.role !== 'comment'), ...all.filter((v) => v.role === 'comment')];
}
