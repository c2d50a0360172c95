/**
 * survey-core's verdict on an answer set, written apart from Ovoz's validator, and a generator of
 * answer sets from a questionnaire's JSON (valid, near-valid and malformed). Used by
 * test/integration/differential-types.test.ts and the SurveyJS corpus test.
 *
 * The reference, with a fresh survey-core Model per case:
 *   1. a case the generator made malformed (a value of the wrong type, an unknown key, row or
 *      choice) is refused: it could never come from the citizen's page;
 *   2. otherwise the answers (computed values left out: survey-core computes them) are set on the
 *      Model; every question's value is noted, nested ones included; invisible values are cleared
 *      as on completion, hidden cells and panel questions too, until nothing changes;
 *   3. accepted when `validate(false)` passes and every visible question's noted value is on
 *      offer (visible, enabled choices; visible ratings; an exclusive choice alone; at most
 *      maxSelectedChoices; texts within their maximum length), and then the Model's data, empty
 *      values left out, is what is stored.
 */
import { Helpers, Model, type Question } from 'survey-core';
import { Rng } from './prng.js';

export { Rng };

type Json = Record<string, unknown>;

/** Generates answers from the JSON; `bad` tells whether a malformed value went in. */
export class Generator {
  bad = false;
  constructor(private readonly r: Rng) {}

  private choices(e: Json): unknown[] {
    const list = (e.choices as unknown[] | undefined) ?? [];
    const values = list.map((c) => (c && typeof c === 'object' ? (c as Json).value : c));
    if (e.showNoneItem) values.push('none');
    if (typeof e.choicesMax === 'number') {
      for (let v = (e.choicesMin as number) ?? 0; v <= e.choicesMax; v++) values.push(v);
    }
    return values;
  }

  private malformed<T>(valid: () => T, wrong: unknown[]): unknown {
    if (this.r.chance(0.02)) {
      this.bad = true;
      return this.r.pick(wrong);
    }
    return valid();
  }

  value(e: Json): unknown {
    const r = this.r;
    const type = (e.cellType as string | undefined) ?? (e.type as string);
    switch (type) {
      case 'text':
        if (e.inputType === 'number') return this.malformed(() => r.int(130) - 5, ['7', true]);
        if (e.inputType === 'date') {
          return this.malformed(
            () => `${2015 + r.int(20)}-0${1 + r.int(9)}-1${r.int(9)}`,
            ['1.2.2020', 5],
          );
        }
        if (e.inputType === 'email') return r.pick(['a@b.uz', 'nope', 'x@y.com']);
        return this.malformed(() => 'abcdefghijklmnop'.slice(0, 1 + r.int(14)), [5, ['x']]);
      case 'comment':
        return this.malformed(() => r.pick(['too slow', 'rude', '']), [1]);
      case 'rating': {
        const max = (e.rateMax as number | undefined) ?? 5;
        const min = (e.rateMin as number | undefined) ?? 1;
        return this.malformed(() => min + r.int(max - min + 1), [max + 1, '3']);
      }
      case 'boolean':
        return this.malformed(() => r.chance(0.5), ['yes']);
      case 'radiogroup':
      case 'dropdown':
        return this.malformed(() => r.pick(this.choices(e)), ['zz']);
      case 'imagepicker':
        if (e.multiSelect) return this.list(e);
        return this.malformed(() => r.pick(this.choices(e)), ['zz', ['ok']]);
      case 'checkbox':
      case 'ranking':
        return this.list(e);
      case 'slider':
        return this.malformed(() => r.int(13) - 1, ['4']);
      case 'expression':
        return r.int(10);
      case 'matrix': {
        const out: Json = {};
        const values = ((e.columns as unknown[] | undefined) ?? []).map((c) =>
          c && typeof c === 'object' ? (c as Json).value : c,
        );
        for (const row of (e.rows as unknown[] | undefined) ?? []) {
          const key = row && typeof row === 'object' ? (row as Json).value : row;
          if (values.length && r.chance(0.85)) out[String(key)] = r.pick(values);
        }
        return out;
      }
      case 'multipletext': {
        const out: Json = {};
        for (const item of e.items as Json[]) {
          if (r.chance(0.7)) out[item.name as string] = this.value({ ...item, type: 'text' });
        }
        if (r.chance(0.02)) {
          this.bad = true;
          out.unknown = 'x';
        }
        return out;
      }
      case 'matrixdropdown': {
        const out: Json = {};
        for (const row of e.rows as unknown[]) {
          const key = row && typeof row === 'object' ? (row as Json).value : row;
          if (r.chance(0.85)) out[String(key)] = this.row(e);
        }
        if (r.chance(0.02)) {
          this.bad = true;
          out.nowhere = {};
        }
        return out;
      }
      case 'matrixdynamic':
        return Array.from({ length: r.int(5) }, () => this.row(e));
      case 'paneldynamic':
        return Array.from({ length: r.int(4) }, () => this.fields(e.templateElements));
      default:
        return undefined;
    }
  }

  private list(e: Json): unknown {
    const r = this.r;
    const all = this.choices(e);
    const out = all.filter(() => r.chance(0.5));
    if (r.chance(0.03)) {
      this.bad = true;
      return r.pick([[...out, 'zz'], 'car']);
    }
    if (out.length && r.chance(0.03)) out.push(out[0]);
    if (out.length > 1 && out[0] === out.at(-1)) this.bad = true;
    return out;
  }

  private row(e: Json): Json {
    const out: Json = {};
    for (const c of e.columns as Json[]) {
      if (this.r.chance(0.8)) out[c.name as string] = this.value(c);
    }
    return out;
  }

  /** Answers to a list of elements (panels entered), by value name. */
  private fields(list: unknown, out: Json = {}): Json {
    if (!Array.isArray(list)) return out;
    for (const e of list as Json[]) {
      if (e.type === 'panel') this.fields(e.elements, out);
      else if (typeof e.name === 'string' && this.r.chance(0.8)) {
        // Questions sharing a name share one answer: the first one gives it.
        const key = (e.valueName as string | undefined) ?? e.name;
        if (key in out) continue;
        const value = this.value(e);
        if (value !== undefined) out[key] = value;
      }
    }
    return out;
  }

  answers(json: Json): Json {
    this.bad = false;
    const out: Json = {};
    if (Array.isArray(json.pages))
      for (const p of json.pages as Json[]) this.fields(p.elements, out);
    this.fields(json.elements, out);
    this.fields(json.questions, out);
    if (this.r.chance(0.02)) {
      this.bad = true;
      out[this.r.pick(['zz', 'Nps', 'constructor'])] = 1;
    }
    return out;
  }
}

/* ---------------------------------------------------------------------------------------- */

interface Nested {
  q: Question & Json;
  value: unknown;
}

/** Every question survey-core built for the answers, nested ones included. */
function everyQuestion(model: Model): (Question & Json)[] {
  const out: (Question & Json)[] = [];
  const add = (q: Question) => {
    const x = q as Question & Json;
    out.push(x);
    const rows = (x.visibleRows as { cells: { question: Question }[] }[] | undefined) ?? [];
    if (x.getType() === 'matrixdropdown' || x.getType() === 'matrixdynamic') {
      for (const row of rows) for (const cell of row.cells) add(cell.question);
    }
    if (x.getType() === 'paneldynamic') {
      for (const p of x.panels as { questions: Question[] }[]) p.questions.forEach(add);
    }
    if (x.getType() === 'multipletext') {
      for (const item of x.items as { editor: Question }[]) add(item.editor);
    }
  };
  model.getAllQuestions().forEach(add);
  return out;
}

const shown = (q: Question) => q.isVisible && q.isParentVisible;

function onOffer(n: Nested): boolean {
  const { q, value } = n;
  if (Helpers.isValueEmpty(value)) return true;
  const type = q.getType();
  if (typeof value === 'string' && (type === 'text' || type === 'comment')) {
    const max = (q as unknown as { getMaxLength(): number | null }).getMaxLength();
    return max === null || value.length <= max;
  }
  if (type === 'rating') {
    return (q.visibleRateValues as { value: unknown }[]).some((i) => i.value === value);
  }
  const choices = q.visibleChoices as
    { value: unknown; isEnabled: boolean; isExclusive?: boolean }[] | undefined;
  if (!choices) return true;
  const find = (v: unknown) => choices.find((c) => c.value === v && c.isEnabled);
  if (!Array.isArray(value)) return !!find(value);
  const items = value.map(find);
  if (items.some((i) => !i)) return false;
  if (value.length > 1 && items.some((i) => i?.isExclusive)) return false;
  const max = q.maxSelectedChoices as number | undefined;
  return !(max && value.length > max);
}

export function reference(
  json: Json,
  answers: Json,
  bad: boolean,
): { accept: boolean; data?: Json } {
  if (bad) return { accept: false };
  const model = new Model(json);
  model.clearInvisibleValues = 'onComplete';
  const computed = new Set<string>(
    model.calculatedValues.filter((c) => c.includeIntoResult).map((c) => c.name),
  );
  for (const q of model.getAllQuestions()) if (q.getType() === 'expression') computed.add(q.name);
  model.data = Object.fromEntries(Object.entries(answers).filter(([k]) => !computed.has(k)));
  const noted: Nested[] = everyQuestion(model).map((q) => ({
    q,
    value: JSON.parse(JSON.stringify(q.value ?? null)) as unknown,
  }));
  let before = '';
  for (let i = 0; i < 20 && JSON.stringify(model.data) !== before; i++) {
    before = JSON.stringify(model.data);
    (model as unknown as { clearUnusedValues(): void }).clearUnusedValues();
    for (const q of everyQuestion(model)) {
      if (q.parentQuestion && !shown(q) && !q.isEmpty()) q.clearValue();
    }
  }
  const accept = model.validate(false) && noted.every((n) => !shown(n.q) || onOffer(n));
  const data: Json = {};
  for (const [k, v] of Object.entries(model.data as Json)) {
    // Matrix totals are not stored: they follow from the rows.
    if (k.endsWith('-total')) continue;
    if (!Helpers.isValueEmpty(v)) data[k] = stripped(v);
  }
  model.dispose();
  return accept ? { accept, data } : { accept };
}

/** Empty values inside rows and panels are not stored either. */
function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !Helpers.isValueEmpty(v))
        .map(([k, v]) => [k, stripped(v)]),
    );
  }
  return value;
}
