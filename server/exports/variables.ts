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
 * - the free text of "other" or of a comment area (`question-Comment`): `question.comment`;
 * - composite questions, flattened, each part as the question it is (so a checkbox cell has its
 *   0/1 columns too): a matrixdropdown cell `q.row.col`; a matrixdynamic cell `q[1].col` and a
 *   paneldynamic field `q[1].field`, numbered from 1, one set per row or panel an answer can have
 *   (maxRowCount/maxPanelCount, never more than MAX_DYNAMIC_ROWS); a multipletext item `q.item`;
 *   a ranking's choice at each rank `q.rank1`, `q.rank2`…; a multi-select imagepicker as a
 *   checkbox; a range slider `q.from`, `q.to`; an expression (computed on the server) as it is.
 * The link context (region, district, provider, channel) has its own columns, so `context:*`
 * questions are not repeated; `comment`-role questions come last.
 */
import { MAX_DYNAMIC_ROWS } from '../../common/limits.js';
import { LANGUAGES } from '../../common/survey/types.js';
import type { SurveyJson } from '../../common/survey/types.js';
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

const SKIP_TYPES = new Set(['html', 'image', 'panel']);

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

function questionsIn(elements: unknown, out: JsonObject[] = []): JsonObject[] {
  if (!Array.isArray(elements)) return out;
  for (const e of elements) {
    if (!isObject(e)) continue;
    if (e.type === 'panel') questionsIn(e.elements, out);
    else out.push(e);
  }
  return out;
}

function questionsOf(json: SurveyJson): JsonObject[] {
  const out: JsonObject[] = [];
  if (Array.isArray(json.pages))
    for (const p of json.pages) if (isObject(p)) questionsIn(p.elements, out);
  questionsIn(json.elements, out);
  questionsIn((json as JsonObject).questions, out);
  return out;
}

type Draft = Omit<ExportVariable, 'versions'>;
type Answers = Record<string, unknown>;

/** Where a question's answer is: its variable name, and its value and comment in an answer set. */
interface At {
  name: string;
  get(a: Answers): unknown;
  comment(a: Answers): unknown;
}

const field = (value: unknown, key: string | number): unknown =>
  typeof key === 'number'
    ? Array.isArray(value)
      ? value[key]
      : undefined
    : isObject(value)
      ? value[key]
      : undefined;

/** The key a question's answer is stored under (its `valueName`, else its name). */
const keyOf = (q: JsonObject): string =>
  typeof q.valueName === 'string' && q.valueName !== '' ? q.valueName : String(q.name);

/** A question inside `parent`'s value (a cell of a row, a field of a panel, an item). */
function inside(parent: (a: Answers) => unknown, key: string, name: string): At {
  return {
    name,
    get: (a) => field(parent(a), key),
    comment: (a) => field(parent(a), `${key}-Comment`),
  };
}

/** Rows of a dynamic matrix or panels of a dynamic panel an answer can have: 1, 2, … */
function slots(q: JsonObject, maxKey: string): number[] {
  const max = q[maxKey];
  const n = typeof max === 'number' && max > 0 ? Math.min(max, MAX_DYNAMIC_ROWS) : MAX_DYNAMIC_ROWS;
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** A matrix column as the question its cells are. */
function cellQuestion(matrix: JsonObject, column: JsonObject): JsonObject {
  const own = column.cellType;
  const type = typeof own === 'string' && own !== 'default' ? own : (matrix.cellType ?? 'dropdown');
  return {
    ...column,
    type,
    title: column.title ?? column.name,
    choices: column.choices ?? matrix.choices,
    role: '',
  };
}

const RANK: Texts = { uz: '{n}-o‘rin', 'uz-Cyrl': '{n}-ўрин', ru: 'место {n}', en: 'rank {n}' };
const FROM: Texts = { uz: 'dan', 'uz-Cyrl': 'дан', ru: 'от', en: 'from' };
const TO: Texts = { uz: 'gacha', 'uz-Cyrl': 'гача', ru: 'до', en: 'to' };
const NUMERIC_DISPLAY = new Set(['decimal', 'currency', 'percent']);

const nth = (template: Texts, n: number): Texts => {
  const out = {} as Texts;
  for (const lang of LANGUAGES) out[lang] = template[lang].replace('{n}', String(n));
  return out;
};

function variablesOfQuestion(q: JsonObject, at?: At, outerTitle?: Texts): Draft[] {
  const type = q.type;
  if (typeof q.name !== 'string' || typeof type !== 'string' || SKIP_TYPES.has(type)) return [];
  const role = typeof q.role === 'string' ? q.role : '';
  if (role.startsWith('context:')) return [];
  const key = keyOf(q);
  const { name, get, comment } = at ?? {
    name: q.name,
    get: (a: Answers) => a[key],
    comment: (a: Answers) => a[`${key}-Comment`],
  };
  const own = texts(q.title, q.name);
  const title = outerTitle ? joined(outerTitle, own) : own;
  const out: Draft[] = [];
  const single = (values: LabelledValue[], kind = type, read?: Draft['read']): Draft => ({
    name,
    question: name,
    text: title,
    type: kind,
    valueLabels: values.length ? labels(values) : same(''),
    values,
    role,
    read: read ?? ((a) => plain(get(a))),
  });
  const dichotomies = (choices: LabelledValue[], kind: string) => {
    for (const choice of choices) {
      out.push({
        name: `${name}.${choice.value}`,
        question: name,
        text: joined(title, choice.text),
        type: `${kind} (0/1)`,
        valueLabels: DICHOTOMY,
        values: DICHOTOMY_VALUES,
        role,
        read: (a) => {
          const v = get(a);
          if (!Array.isArray(v)) return null;
          return v.some((x) => String(x) === choice.value) ? 1 : 0;
        },
      });
    }
  };
  /** Each column of a matrix row, as the question its cells are. */
  const cells = (row: (a: Answers) => unknown, rowName: string, rowTitle: Texts) => {
    for (const column of Array.isArray(q.columns) ? q.columns : []) {
      if (!isObject(column) || typeof column.name !== 'string') continue;
      const cell = cellQuestion(q, column);
      out.push(
        ...variablesOfQuestion(
          cell,
          inside(row, column.name, `${rowName}.${column.name}`),
          rowTitle,
        ),
      );
    }
  };

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
      dichotomies(choicesOf(q), type);
      break;
    case 'imagepicker':
      if (q.multiSelect === true) dichotomies(choicesOf(q), type);
      else out.push(single(choicesOf(q)));
      break;
    case 'ranking': {
      const choices = choicesOf(q);
      choices.forEach((_, i) => {
        out.push({
          ...single(choices, 'ranking', (a) => plain(field(get(a), i))),
          name: `${name}.rank${i + 1}`,
          text: joined(title, nth(RANK, i + 1)),
        });
      });
      break;
    }
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
          read: (a) => plain(field(get(a), row.value)),
        });
      }
      break;
    }
    case 'matrixdropdown':
      for (const row of itemsOf(q.rows)) {
        cells((a) => field(get(a), row.value), `${name}.${row.value}`, joined(title, row.text));
      }
      break;
    case 'matrixdynamic':
      for (const n of slots(q, 'maxRowCount')) {
        cells((a) => field(get(a), n - 1), `${name}[${n}]`, joined(title, same(`[${n}]`)));
      }
      break;
    case 'paneldynamic':
      for (const n of slots(q, 'maxPanelCount')) {
        const panel = (a: Answers) => field(get(a), n - 1);
        for (const inner of questionsIn(q.templateElements)) {
          if (typeof inner.name !== 'string') continue;
          out.push(
            ...variablesOfQuestion(
              { ...inner, role: '' },
              inside(panel, keyOf(inner), `${name}[${n}].${inner.name}`),
              joined(title, same(`[${n}]`)),
            ),
          );
        }
      }
      break;
    case 'multipletext':
      for (const item of Array.isArray(q.items) ? q.items : []) {
        if (!isObject(item) || typeof item.name !== 'string') continue;
        out.push(
          ...variablesOfQuestion(
            { ...item, type: 'text', role: '' },
            inside(get, item.name, `${name}.${item.name}`),
            title,
          ),
        );
      }
      break;
    case 'slider':
      if (q.sliderType === 'range') {
        for (const [i, part, words] of [[0, 'from', FROM] as const, [1, 'to', TO] as const]) {
          out.push({
            ...single([], 'number', (a) => plain(field(get(a), i))),
            name: `${name}.${part}`,
            text: joined(title, words),
          });
        }
      } else out.push(single([], 'number'));
      break;
    case 'expression':
      out.push(single([], NUMERIC_DISPLAY.has(String(q.displayStyle)) ? 'number' : 'expression'));
      break;
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
    out.push({
      name: `${name}.comment`,
      question: name,
      text: joined(title, COMMENT),
      type: 'text',
      valueLabels: same(''),
      values: [],
      role: '',
      read: (a) => plain(comment(a)),
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
