/**
 * The answer validator against survey-core on every question type and feature beyond the fast
 * compiled checker: generated questionnaires (household roster, patient-experience grid, NPS with
 * a ranking, a scored quiz, dynamic panels with {panel.x} conditions…) and seeded answer sets,
 * valid, near-valid and malformed.
 *
 * The reference, written apart from the validator and with a fresh survey-core Model per case:
 *   1. a case the generator made malformed (a value of the wrong type, an unknown key, row or
 *      choice) is refused: it could never come from the citizen's page;
 *   2. otherwise the answers (computed values left out: survey-core computes them) are set on the
 *      Model; every question's value is noted, nested ones included; invisible values are cleared
 *      as on completion, hidden cells and panel questions too, until nothing changes;
 *   3. accepted when `validate(false)` passes and every visible question's noted value is on
 *      offer (visible, enabled choices; visible ratings; an exclusive choice alone; at most
 *      maxSelectedChoices), and then the Model's data, empty values left out, is what is stored.
 * Both must agree on every case, and on the stored data when accepting.
 */
import { Helpers, Model, type Question } from 'survey-core';
import { afterAll, describe, expect, test } from 'vitest';
import { checkerOf, compileValidator } from '../../server/ingest/validator.js';
import type { SurveyJson } from '../../server/survey/types.js';
import { prng } from '../helpers/prng.js';

type Json = Record<string, unknown>;
const SEED = 20261207;
const CASES_PER_SURVEY = 300;

const SURVEYS: Record<string, Json> = {
  'choices enabled by conditions (compiled checker)': {
    elements: [
      { type: 'boolean', name: 'adult' },
      {
        type: 'radiogroup',
        name: 'drink',
        choices: ['tea', { value: 'beer', enableIf: '{adult} = true' }, 'water'],
      },
      {
        type: 'checkbox',
        name: 'snacks',
        choices: ['chips', 'nuts', 'candy'],
        choicesEnableIf: "{item} != 'candy' or {adult} = false",
        showNoneItem: true,
      },
      {
        type: 'dropdown',
        name: 'size',
        choices: ['s', 'm', { value: 'l', enableIf: "{drink} = 'water'" }],
        choicesEnableIf: '{drink} notempty',
      },
      { type: 'rating', name: 'mood', isRequired: true },
    ],
  },
  'household roster': {
    elements: [
      {
        type: 'matrixdynamic',
        name: 'members',
        rowCount: 0,
        minRowCount: 1,
        maxRowCount: 4,
        keyName: 'name',
        columns: [
          { name: 'name', cellType: 'text', isRequired: true },
          { name: 'age', cellType: 'text', inputType: 'number', min: 0, max: 110 },
          { name: 'works', cellType: 'boolean', visibleIf: '{row.age} >= 16' },
          { name: 'sex', cellType: 'dropdown', choices: ['f', 'm'] },
        ],
      },
      {
        type: 'paneldynamic',
        name: 'kids',
        panelCount: 0,
        maxPanelCount: 3,
        templateElements: [
          { type: 'text', name: 'age', inputType: 'number', isRequired: true, min: 0, max: 18 },
          {
            type: 'radiogroup',
            name: 'school',
            choices: ['yes', 'no'],
            visibleIf: '{panel.age} >= 6',
          },
          {
            type: 'checkbox',
            name: 'help',
            choices: ['food', 'books', 'none'],
            showNoneItem: false,
          },
        ],
      },
      {
        type: 'multipletext',
        name: 'income',
        items: [
          { name: 'salary', inputType: 'number' },
          { name: 'other', maxLength: 10 },
        ],
      },
    ],
  },
  'patient experience grid': {
    elements: [
      {
        type: 'matrixdropdown',
        name: 'care',
        rows: ['doctor', 'nurse', 'desk'],
        columns: [
          { name: 'score', cellType: 'rating', rateMax: 5, isRequired: true },
          { name: 'why', cellType: 'comment', visibleIf: '{row.score} <= 2' },
          { name: 'seen', cellType: 'checkbox', choices: ['a', 'b', 'c'] },
        ],
      },
      { type: 'text', name: 'visit', inputType: 'date', min: '2020-01-01', max: '2030-12-31' },
      {
        type: 'panel',
        name: 'contact',
        isRequired: true,
        elements: [
          { type: 'text', name: 'phone' },
          { type: 'text', name: 'mail', inputType: 'email' },
        ],
      },
    ],
  },
  'NPS with a ranking': {
    elements: [
      { type: 'rating', name: 'nps', rateMin: 0, rateMax: 10, isRequired: true },
      {
        type: 'ranking',
        name: 'priorities',
        choices: ['price', 'speed', 'care', 'place'],
        visibleIf: '{nps} <= 6',
      },
      { type: 'imagepicker', name: 'face', choices: ['sad', 'ok', 'happy'] },
      {
        type: 'imagepicker',
        name: 'faces',
        multiSelect: true,
        choices: ['sad', 'ok', 'happy', { value: 'wow', enableIf: '{nps} >= 9' }],
      },
      { type: 'slider', name: 'effort', min: 0, max: 10, step: 2 },
    ],
  },
  'scored quiz': {
    calculatedValues: [{ name: 'score', expression: '{q1} + {q2}', includeIntoResult: true }],
    elements: [
      { type: 'radiogroup', name: 'q1', choices: [0, 1, 2], isRequired: true },
      { type: 'dropdown', name: 'q2', choicesMin: 0, choicesMax: 4 },
      { type: 'expression', name: 'double', expression: '{q1} * 2' },
      { type: 'checkbox', name: 'have', choices: ['car', 'bike', 'bus'], maxSelectedChoices: 2 },
      { type: 'text', name: 'shared', valueName: 'alias', defaultValue: 'x' },
      { type: 'comment', name: 'note', valueName: 'alias2', visibleIf: '{q1} = 2' },
    ],
  },
};

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
}

/** Generates answers from the JSON; `bad` tells whether a malformed value went in. */
class Generator {
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
        for (const row of e.rows as string[]) if (r.chance(0.85)) out[row] = this.row(e);
        if (r.chance(0.02)) {
          this.bad = true;
          out.nowhere = {};
        }
        return out;
      }
      case 'matrixdynamic':
        return Array.from({ length: r.int(5) }, () => this.row(e));
      case 'paneldynamic':
        return Array.from({ length: r.int(4) }, () => {
          const out: Json = {};
          for (const inner of e.templateElements as Json[]) {
            if (r.chance(0.8)) out[inner.name as string] = this.value(inner);
          }
          return out;
        });
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

  answers(json: Json): Json {
    this.bad = false;
    const out: Json = {};
    const walk = (list: Json[]) => {
      for (const e of list) {
        if (e.type === 'panel') walk(e.elements as Json[]);
        else if (this.r.chance(0.8)) {
          out[(e.valueName as string | undefined) ?? (e.name as string)] = this.value(e);
        }
      }
    };
    walk(json.elements as Json[]);
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

function reference(json: Json, answers: Json, bad: boolean): { accept: boolean; data?: Json } {
  if (bad) return { accept: false };
  const model = new Model(json);
  model.clearInvisibleValues = 'onComplete';
  const computed = new Set<string>(['score']);
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

const stats = { cases: 0, accepted: 0 };

describe('every question type and feature decides as survey-core does', () => {
  Object.entries(SURVEYS).forEach(([name, json], index) => {
    // A fresh survey-core Model per case on both sides for dynamic rows: seconds, not milliseconds.
    test(`${name}: ${CASES_PER_SURVEY} seeded cases`, { timeout: 400_000 }, () => {
      const validator = compileValidator(json as SurveyJson);
      expect(checkerOf(validator)).toBe(index === 0 ? 'compiled' : 'survey-core');
      const gen = new Generator(new Rng(SEED + index));
      const disagreements: string[] = [];
      let accepted = 0;
      for (let i = 0; i < CASES_PER_SURVEY; i++) {
        const answers = gen.answers(json);
        const expected = reference(json, answers, gen.bad);
        const actual = validator.validate(answers);
        if (
          actual.ok !== expected.accept ||
          (actual.ok && JSON.stringify(actual.data) !== JSON.stringify(expected.data))
        ) {
          disagreements.push(JSON.stringify({ case: i, answers, expected, actual }));
        }
        if (expected.accept) accepted++;
      }
      stats.cases += CASES_PER_SURVEY;
      stats.accepted += accepted;
      expect(disagreements.length, disagreements.slice(0, 3).join('\n')).toBe(0);
      // Both verdicts occur often enough to mean something.
      expect(accepted).toBeGreaterThan(CASES_PER_SURVEY * 0.05);
      expect(accepted).toBeLessThan(CASES_PER_SURVEY * 0.9);
    });
  });

  afterAll(() => {
    console.log(
      `differential (all types): ${stats.cases} cases, ${stats.accepted} accepted, ` +
        `${stats.cases - stats.accepted} refused`,
    );
  });
});
