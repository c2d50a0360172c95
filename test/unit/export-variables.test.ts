/**
 * Composite questions flattened into export variables (server/exports/variables.ts): names, types
 * and what each reads from an answer set, for the parts the integration test does not reach.
 */
import { describe, expect, it } from 'vitest';
import { exportVariables } from '../../server/exports/variables.js';
import type { SurveyJson } from '../../common/survey/types.js';

const variables = (elements: unknown[]) =>
  exportVariables([{ version: 1, json: { elements } as SurveyJson }]);

const read = (elements: unknown[], answers: Record<string, unknown>) =>
  Object.fromEntries(variables(elements).map((v) => [v.name, v.read(answers)]));

describe('composite questions in export variables', () => {
  it('a checkbox cell has 0/1 columns; a column without cellType takes the matrix’s', () => {
    const elements = [
      {
        type: 'matrixdropdown',
        name: 'm',
        rows: ['r'],
        cellType: 'checkbox',
        choices: ['a', 'b'],
        columns: [{ name: 'c' }, { name: 'd', cellType: 'boolean' }],
      },
    ];
    expect(variables(elements).map((v) => [v.name, v.type])).toEqual([
      ['m.r.c.a', 'checkbox (0/1)'],
      ['m.r.c.b', 'checkbox (0/1)'],
      ['m.r.d', 'boolean'],
    ]);
    expect(read(elements, { m: { r: { c: ['b'], d: true } } })).toEqual({
      'm.r.c.a': 0,
      'm.r.c.b': 1,
      'm.r.d': 1,
    });
    expect(read(elements, {})).toEqual({ 'm.r.c.a': null, 'm.r.c.b': null, 'm.r.d': null });
  });

  it('a dynamic panel: nested panels, valueName and a field’s comment', () => {
    const elements = [
      {
        type: 'paneldynamic',
        name: 'p',
        maxPanelCount: 2,
        templateElements: [
          {
            type: 'panel',
            name: 'inner',
            elements: [
              {
                type: 'radiogroup',
                name: 'q',
                valueName: 'qv',
                choices: ['x'],
                showOtherItem: true,
              },
            ],
          },
        ],
      },
    ];
    expect(variables(elements).map((v) => v.name)).toEqual([
      'p[1].q',
      'p[1].q.comment',
      'p[2].q',
      'p[2].q.comment',
    ]);
    expect(read(elements, { p: [{}, { qv: 'other', 'qv-Comment': 'mine' }] })).toEqual({
      'p[1].q': null,
      'p[1].q.comment': null,
      'p[2].q': 'other',
      'p[2].q.comment': 'mine',
    });
  });

  it('at most 30 rows of a dynamic matrix without maxRowCount; an image picker', () => {
    const names = variables([
      { type: 'matrixdynamic', name: 'd', columns: [{ name: 'c', cellType: 'text' }] },
      { type: 'imagepicker', name: 'i', multiSelect: true, choices: ['a', 'b'] },
      { type: 'imagepicker', name: 'j', choices: ['a', 'b'] },
    ]).map((v) => v.name);
    expect(names.filter((n) => n.startsWith('d['))).toHaveLength(30);
    expect(names.at(29)).toBe('d[30].c');
    expect(names.slice(30)).toEqual(['i.a', 'i.b', 'j']);
  });
});
