/**
 * The no-JavaScript form's reading of a questionnaire (server/basic/survey.ts): steps cut where a
 * question depends on another of its page, and the question types a plain form cannot carry.
 */
import { describe, expect, it } from 'vitest';
import {
  acquireModel,
  formModel,
  isShown,
  releaseModel,
  shownQuestions,
  stepsOf,
  unsupportedTypes,
} from '../../server/basic/survey.js';

const names = (json: Record<string, unknown>) =>
  stepsOf(formModel(json, 'en', {}, {})).map((s) => s.questions.map((q) => q.name));

describe('steps', () => {
  it('are the pages when no question depends on another of its page', () => {
    expect(
      names({
        pages: [
          {
            name: 'a',
            elements: [
              { type: 'text', name: 'x' },
              { type: 'text', name: 'y' },
            ],
          },
          { name: 'b', elements: [{ type: 'text', name: 'z', visibleIf: '{x} = 1' }] },
        ],
      }),
    ).toEqual([['x', 'y'], ['z']]);
  });

  it('start again at a question whose condition, choices or title name one before it', () => {
    expect(
      names({
        pages: [
          {
            name: 'a',
            elements: [
              { type: 'dropdown', name: 'Region', choices: ['r1', 'r2'] },
              { type: 'text', name: 'note' },
              {
                type: 'dropdown',
                name: 'district',
                choices: [{ value: 'd1', visibleIf: "{region} = 'r1'" }],
              },
              { type: 'text', name: 'why', title: 'Why {district}?' },
              { type: 'text', name: 'more', visibleIf: '{note-Comment} notempty' },
            ],
          },
        ],
      }),
    ).toEqual([['Region', 'note'], ['district'], ['why', 'more']]);
  });
});

describe('unsupportedTypes', () => {
  it('names the types a form cannot carry, and none for the ones it can', () => {
    const model = (type: string) =>
      formModel(
        {
          elements: [
            { type: 'html', name: 'intro', html: '<p>Hi</p>' },
            { type, name: 'q', templateElements: [{ type: 'text', name: 't' }] },
          ],
        },
        'en',
        {},
        {},
      );
    expect(unsupportedTypes(model('paneldynamic'))).toEqual(['paneldynamic']);
    // Drawn (html) or left out (image, expression), never a reason to need script.
    expect(unsupportedTypes(model('image'))).toEqual([]);
    const [step] = stepsOf(model('image'));
    expect(shownQuestions(step!).map((q) => q.getType())).toEqual(['html']);
    for (const type of ['radiogroup', 'checkbox', 'rating', 'dropdown', 'boolean', 'matrix']) {
      expect(unsupportedTypes(model(type)), type).toEqual([]);
    }
  });
});

describe('pooled models', () => {
  it('carry nothing of one request into the next: answers, variables, language', () => {
    const json = {
      title: { en: 'Pool', ru: 'Пул' },
      elements: [
        { type: 'text', name: 'a' },
        { type: 'text', name: 'b', visibleIf: "{a} = 'x' or {context_region} = 'R'" },
      ],
    };
    const first = acquireModel(json, 'ru', { a: 'x' }, { context_region: 'R' });
    expect(first.title).toBe('Пул');
    expect(isShown(first.getQuestionByName('b'))).toBe(true);
    releaseModel(json, first);
    const second = acquireModel(json, 'en', {}, {});
    expect(second).toBe(first);
    expect(second.title).toBe('Pool');
    expect(second.data).toEqual({});
    expect(second.getVariable('context_region')).toBeUndefined();
    expect(isShown(second.getQuestionByName('b'))).toBe(false);
    // Taken while the first is in use: another model.
    const third = acquireModel(json, 'en', {}, {});
    expect(third).not.toBe(second);
  });
});
