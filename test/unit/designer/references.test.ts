/** Renaming a question everywhere it is named, and what depends on a question. */
import { describe, expect, test } from 'vitest';
import { dependants, renameQuestion } from '../../../common/survey/references.js';

const SURVEY = {
  title: { uz: 'Salom {visited}' },
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'boolean', name: 'visited' },
        { type: 'comment', name: 'why', visibleIf: '{visited} = true and {Visited} notempty' },
        { type: 'matrix', name: 'm', rows: ['r1'], columns: [1, 2] },
        {
          type: 'text',
          name: 'later',
          title: { uz: '{m.r1} ball', ru: '{ m.r1 } баллов' },
          requiredIf: '{m.r1} >= 2',
        },
        { type: 'checkbox', name: 'copy', choicesFromQuestion: 'visited', choices: [1] },
      ],
    },
  ],
  triggers: [{ type: 'skip', expression: '{visited} = false', gotoName: 'later' }],
  calculatedValues: [{ name: 'score', expression: 'iif({visited}, 1, 0)' }],
};

describe('references', () => {
  test('renaming updates conditions, triggers, calculated values, placeholders and name properties', () => {
    const out = renameQuestion(SURVEY, 'visited', 'came_before');
    const els = (out.pages as { elements: Record<string, unknown>[] }[])[0]!.elements;
    expect(els[0]!.name).toBe('came_before');
    expect(els[1]!.visibleIf).toBe('{came_before} = true and {came_before} notempty');
    expect(els[4]!.choicesFromQuestion).toBe('came_before');
    expect(out.triggers).toEqual([
      { type: 'skip', expression: '{came_before} = false', gotoName: 'later' },
    ]);
    expect(out.calculatedValues).toEqual([
      { name: 'score', expression: 'iif({came_before}, 1, 0)' },
    ]);
    expect(out.title).toEqual({ uz: 'Salom {came_before}' });
    // Untouched: the input, and names that only start alike.
    expect((SURVEY.pages[0]!.elements[1] as { visibleIf: string }).visibleIf).toBe(
      '{visited} = true and {Visited} notempty',
    );
  });

  test('renaming a matrix renames its row variables', () => {
    const out = renameQuestion(SURVEY, 'm', 'grid');
    const later = (out.pages as { elements: Record<string, unknown>[] }[])[0]!.elements[3]!;
    expect(later.requiredIf).toBe('{grid.r1} >= 2');
    expect(later.title).toEqual({ uz: '{grid.r1} ball', ru: '{ grid.r1 } баллов' });
  });

  test('dependants lists every place that names a question', () => {
    const d = dependants(SURVEY, 'visited').map((s) => `${s.owner.name || 'survey'}:${s.prop}`);
    expect(d).toEqual([
      'survey:title',
      'why:visibleIf',
      'copy:choicesFromQuestion',
      'survey:expression',
      'survey:expression',
    ]);
    expect(dependants(SURVEY, 'why')).toEqual([]);
  });
});
