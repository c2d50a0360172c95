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
import { afterAll, describe, expect, test } from 'vitest';
import { checkerOf, compileValidator } from '../../server/ingest/validator.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { Generator, Rng, reference } from '../helpers/survey-reference.js';

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
        // survey-core changes the objects it is given: each side gets its own copy.
        const expected = reference(json, structuredClone(answers), gen.bad);
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
