/**
 * The answer validator on every survey-core question type and feature beyond the fast compiled
 * checker (server/ingest/validator/model-validator.ts): one small questionnaire per family, what is
 * stored and what is refused, by field. test/integration/differential-types.test.ts compares the
 * verdicts with survey-core's at scale.
 */
import { describe, expect, it } from 'vitest';
import { checkerOf, compileValidator } from '../../server/ingest/validator.js';
import type { ValidationResult } from '../../server/ingest/validator-types.js';
import { MAX_DYNAMIC_ROWS } from '../../common/limits.js';
import { materialize } from '../../common/survey/materialize.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { fixtureRegistry } from '../fixtures/registry.js';

type Json = Record<string, unknown>;

function outcome(result: ValidationResult): { rejected: string[] } | { stored: Json } {
  return result.ok ? { stored: result.data } : { rejected: result.fields.map((f) => f.name) };
}

const check = (json: Json) => {
  const v = compileValidator(json as SurveyJson);
  return (answers: unknown, vars?: Json) => outcome(v.validate(answers, vars));
};

describe('multipletext', () => {
  const run = check({
    elements: [
      {
        type: 'multipletext',
        name: 'price',
        items: [
          { name: 'low', inputType: 'number', isRequired: true },
          { name: 'note', maxLength: 5 },
        ],
      },
    ],
  });
  it('stores an object of item answers', () => {
    expect(run({ price: { low: 10, note: 'ok' } })).toEqual({
      stored: { price: { low: 10, note: 'ok' } },
    });
  });
  it('refuses an unknown item, a text for a number and a required item left out', () => {
    expect(run({ price: { low: 1, high: 2 } })).toEqual({ rejected: ['price.high'] });
    expect(run({ price: { low: '10' } })).toEqual({ rejected: ['price.low'] });
    expect(run({ price: { note: 'ok' } })).toEqual({ rejected: ['price.low'] });
    expect(run({ price: { low: 1, note: 'too long' } })).toEqual({ rejected: ['price.note'] });
  });
});

describe('matrixdropdown', () => {
  const run = check({
    elements: [
      {
        type: 'matrixdropdown',
        name: 'care',
        rows: ['doctor', 'nurse'],
        columns: [
          { name: 'score', cellType: 'rating', isRequired: true },
          { name: 'why', cellType: 'text', visibleIf: '{row.score} <= 2' },
        ],
      },
    ],
  });
  it('stores cells by row and column', () => {
    expect(run({ care: { doctor: { score: 5 }, nurse: { score: 1, why: 'rude' } } })).toEqual({
      stored: { care: { doctor: { score: 5 }, nurse: { score: 1, why: 'rude' } } },
    });
  });
  it('refuses unknown rows, ratings off the scale and missing required cells', () => {
    expect(run({ care: { surgeon: { score: 5 } } })).toEqual({ rejected: ['care.surgeon'] });
    expect(run({ care: { doctor: { score: 9 } } })).toEqual({ rejected: ['care.doctor.score'] });
    expect(run({ care: { doctor: { score: 5 }, nurse: { why: 'x' } } })).toMatchObject({
      rejected: expect.arrayContaining(['care.nurse.score']),
    });
  });
  it('drops a cell its column condition hides', () => {
    expect(run({ care: { doctor: { score: 5, why: 'x' }, nurse: { score: 4 } } })).toEqual({
      stored: { care: { doctor: { score: 5 }, nurse: { score: 4 } } },
    });
  });
});

describe('matrixdynamic', () => {
  const run = check({
    elements: [
      {
        type: 'matrixdynamic',
        name: 'members',
        rowCount: 0,
        maxRowCount: 3,
        keyName: 'name',
        columns: [
          { name: 'name', cellType: 'text', isRequired: true },
          { name: 'age', cellType: 'text', inputType: 'number', min: 0, max: 120 },
        ],
      },
    ],
  });
  it('stores the rows of a household roster', () => {
    expect(run({ members: [{ name: 'Aziza', age: 40 }, { name: 'Bek' }] })).toEqual({
      stored: { members: [{ name: 'Aziza', age: 40 }, { name: 'Bek' }] },
    });
  });
  it('refuses a duplicate key, an age out of range and a row that is not an object', () => {
    expect(run({ members: [{ name: 'A' }, { name: 'A' }] })).toMatchObject({
      rejected: expect.arrayContaining(['members[1].name']),
    });
    expect(run({ members: [{ name: 'A', age: 130 }] })).toEqual({ rejected: ['members[0].age'] });
    expect(run({ members: ['A'] })).toEqual({ rejected: ['members[0]'] });
    expect(run({ members: { name: 'A' } })).toEqual({ rejected: ['members'] });
  });
});

describe('paneldynamic', () => {
  const run = check({
    elements: [
      {
        type: 'paneldynamic',
        name: 'kids',
        panelCount: 0,
        templateElements: [
          { type: 'text', name: 'age', inputType: 'number', isRequired: true },
          { type: 'boolean', name: 'school', visibleIf: '{panel.age} >= 6' },
        ],
      },
    ],
  });
  it('stores each panel, and drops what a {panel.x} condition hides', () => {
    expect(
      run({
        kids: [
          { age: 7, school: true },
          { age: 3, school: false },
        ],
      }),
    ).toEqual({
      stored: { kids: [{ age: 7, school: true }, { age: 3 }] },
    });
  });
  it('refuses a missing required field, by panel', () => {
    expect(run({ kids: [{ age: 7 }, { school: true }] })).toEqual({ rejected: ['kids[1].age'] });
  });
});

describe('ranking, imagepicker, slider, dates', () => {
  const run = check({
    elements: [
      { type: 'ranking', name: 'rank', choices: ['a', 'b', 'c'] },
      { type: 'imagepicker', name: 'pic', choices: ['x', 'y'] },
      { type: 'imagepicker', name: 'pics', multiSelect: true, choices: ['x', 'y'] },
      { type: 'slider', name: 'level', min: 0, max: 10, step: 2 },
      { type: 'text', name: 'born', inputType: 'date', max: '2020-01-01' },
    ],
  });
  it('stores well-formed answers', () => {
    const answers = {
      rank: ['b', 'a', 'c'],
      pic: 'y',
      pics: ['x', 'y'],
      level: 4,
      born: '1990-05-01',
    };
    expect(run(answers)).toEqual({ stored: answers });
  });
  it('refuses unknown choices, a repeated rank, a malformed or too late date', () => {
    expect(run({ rank: ['a', 'a'] })).toEqual({ rejected: ['rank'] });
    expect(run({ pic: 'z' })).toEqual({ rejected: ['pic'] });
    expect(run({ pics: 'x' })).toEqual({ rejected: ['pics'] });
    expect(run({ level: '4' })).toEqual({ rejected: ['level'] });
    expect(run({ born: '01.05.1990' })).toEqual({ rejected: ['born'] });
    expect(run({ born: '2021-01-01' })).toEqual({ rejected: ['born'] });
  });
});

describe('computed values are recomputed, never trusted', () => {
  const run = check({
    calculatedValues: [{ name: 'total', expression: '{a} + {b}', includeIntoResult: true }],
    elements: [
      { type: 'text', name: 'a', inputType: 'number' },
      { type: 'text', name: 'b', inputType: 'number' },
      { type: 'expression', name: 'double', expression: '{a} * 2' },
    ],
  });
  it('replaces what the page sent with what survey-core computes', () => {
    expect(run({ a: 2, b: 3, double: 100, total: 1 })).toEqual({
      stored: { a: 2, b: 3, double: 4, total: 5 },
    });
  });
});

describe('other features', () => {
  it('a required panel needs one answer inside it', () => {
    const run = check({
      elements: [
        {
          type: 'panel',
          name: 'p',
          isRequired: true,
          elements: [
            { type: 'text', name: 'x' },
            { type: 'text', name: 'y' },
          ],
        },
      ],
    });
    expect(run({})).toEqual({ rejected: ['p'] });
    expect(run({ y: 'ok' })).toEqual({ stored: { y: 'ok' } });
  });

  it('a disabled choice (enableIf) cannot be chosen', () => {
    const run = check({
      elements: [
        { type: 'boolean', name: 'adult' },
        {
          type: 'radiogroup',
          name: 'drink',
          choices: ['tea', { value: 'beer', enableIf: '{adult} = true' }],
        },
      ],
    });
    expect(run({ adult: false, drink: 'beer' })).toEqual({ rejected: ['drink'] });
    expect(run({ adult: true, drink: 'beer' })).toEqual({
      stored: { adult: true, drink: 'beer' },
    });
  });

  it('choices from another question are only those selected there', () => {
    const run = check({
      elements: [
        { type: 'checkbox', name: 'have', choices: ['car', 'bike', 'bus'] },
        {
          type: 'radiogroup',
          name: 'best',
          choicesFromQuestion: 'have',
          choicesFromQuestionMode: 'selected',
        },
      ],
    });
    expect(run({ have: ['car', 'bus'], best: 'bus' })).toEqual({
      stored: { have: ['car', 'bus'], best: 'bus' },
    });
    expect(run({ have: ['car'], best: 'bus' })).toEqual({ rejected: ['best'] });
  });

  it('questions sharing a valueName share one answer', () => {
    const run = check({
      elements: [
        { type: 'text', name: 'first', valueName: 'shared' },
        { type: 'text', name: 'second', valueName: 'shared', visible: false },
      ],
    });
    expect(run({ shared: 'x' })).toEqual({ stored: { shared: 'x' } });
    expect(run({ first: 'x' })).toEqual({ rejected: ['first'] });
  });

  it('the legacy root questions array, dotted names and unnamed html are read as survey-core does', () => {
    const json = {
      questions: [
        { type: 'html', html: '<p>hi</p>' },
        { type: 'text', name: 'a.b', isRequired: true },
      ],
    };
    const v = compileValidator(json as SurveyJson);
    expect(outcome(v.validate({ 'a.b': 'x' }))).toEqual({ stored: { 'a.b': 'x' } });
    expect(outcome(v.validate({}))).toEqual({ rejected: ['a.b'] });
  });

  it('surveys the fast checker covers stay on it', () => {
    const fast = compileValidator({ elements: [{ type: 'text', name: 't' }] });
    const slow = compileValidator({ elements: [{ type: 'ranking', name: 'r', choices: ['a'] }] });
    expect([checkerOf(fast), checkerOf(slow)]).toEqual(['compiled', 'survey-core']);
  });

  it('keeps no state between answer sets', () => {
    const run = check({
      elements: [
        { type: 'paneldynamic', name: 'p', templateElements: [{ type: 'text', name: 't' }] },
        { type: 'text', name: 'x', defaultValue: 'def' },
      ],
    });
    expect(run({ p: [{ t: 'a' }, { t: 'b' }], x: 'mine' })).toEqual({
      stored: { p: [{ t: 'a' }, { t: 'b' }], x: 'mine' },
    });
    expect(run({ p: [{ t: 'c' }] })).toEqual({ stored: { p: [{ t: 'c' }] } });
  });
});

describe('rows of dynamic answers', () => {
  it('the page is never offered more rows than the server takes', () => {
    const json = materialize(
      {
        elements: [
          { type: 'paneldynamic', name: 'p', templateElements: [{ type: 'text', name: 't' }] },
          {
            type: 'matrixdynamic',
            name: 'm',
            maxRowCount: 5,
            columns: [{ name: 'c', cellType: 'text' }],
          },
        ],
      },
      fixtureRegistry,
    );
    const elements = json.elements as Json[];
    expect([elements[0]?.maxPanelCount, elements[1]?.maxRowCount]).toEqual([MAX_DYNAMIC_ROWS, 5]);
    const run = check(json);
    const rows = (n: number) => Array.from({ length: n }, () => ({ c: 'x' }));
    expect(run({ m: rows(5) })).toEqual({ stored: { m: rows(5) } });
    expect(run({ m: rows(6) })).toEqual({ rejected: ['m'] });
  });
});
