/** Library inserts (renamed to stay unique, logic following), plain-words diffs, undo/redo. */
import { describe, expect, test } from 'vitest';
import { prepareInsert } from '../../../web/src/admin/designer/model/library.js';
import { docReducer, initialDoc } from '../../../web/src/admin/designer/model/history.js';
import { surveyChanges } from '../../../web/src/admin/designer/model/survey-diff.js';

describe('library', () => {
  test('inserted questions get free names and their own conditions follow', () => {
    const survey = { pages: [{ name: 'p', elements: [{ type: 'boolean', name: 'visited' }] }] };
    const block = [
      {
        type: 'boolean',
        name: 'visited',
        title: { uz: 'Avval?', ru: 'Раньше?' },
        role: 'segment:visited',
      },
      { type: 'comment', name: 'why', visibleIf: '{visited} = true' },
    ];
    const { elements, names } = prepareInsert(survey, block);
    expect(names).toEqual(['visited_2', 'why']);
    expect(elements).toEqual([
      {
        type: 'boolean',
        name: 'visited_2',
        title: { uz: 'Avval?', ru: 'Раньше?' },
        role: 'segment:visited',
      },
      { type: 'comment', name: 'why', visibleIf: '{visited_2} = true' },
    ]);
    expect(block[1]!.visibleIf).toBe('{visited} = true');
  });
});

describe('what changed between two versions', () => {
  const v1 = {
    title: { uz: 'S', ru: 'С' },
    pages: [
      {
        name: 'p1',
        elements: [
          {
            type: 'radiogroup',
            name: 'channel',
            title: { uz: 'Kanal' },
            choices: ['a', { value: 'other', text: { uz: 'Boshqa' } }],
          },
        ],
      },
      { name: 'p2', elements: [{ type: 'text', name: 'x', title: { uz: 'X' } }] },
    ],
  };
  test('in plain words', () => {
    const v2 = structuredClone(v1) as typeof v1 & {
      pages: { elements: Record<string, unknown>[] }[];
    };
    v2.pages[0]!.elements[0]!.choices = ['a'];
    v2.pages[1]!.elements.push({
      type: 'text',
      name: 'wait',
      title: { uz: 'Kutish vaqti', ru: 'Время ожидания' },
    });
    v2.pages[1]!.elements[0]!.isRequired = true;
    (v2.title as Record<string, string>).ru = 'Опрос';
    expect(surveyChanges(v1, v2, 'ru')).toEqual([
      { kind: 'added', q: 'Время ожидания', page: 2 },
      { kind: 'choiceRemoved', q: 'Kanal', c: 'Boshqa' },
      { kind: 'required', q: 'X' },
      { kind: 'translations', lang: 'ru', n: 1 },
    ]);
    expect(surveyChanges(v1, structuredClone(v1), 'uz')).toEqual([]);
  });
});

describe('undo and redo', () => {
  test('every change is a step; typing in one field is one step', () => {
    let s = initialDoc({ title: 'a' });
    s = docReducer(s, {
      type: 'change',
      label: 'title',
      merge: 't',
      update: (j) => ({ ...j, title: 'ab' }),
      at: 0,
    });
    s = docReducer(s, {
      type: 'change',
      label: 'title',
      merge: 't',
      update: (j) => ({ ...j, title: 'abc' }),
      at: 500,
    });
    s = docReducer(s, {
      type: 'change',
      label: 'page',
      update: (j) => ({ ...j, pages: [] }),
      at: 600,
    });
    expect(s.past.map((p) => p.label)).toEqual(['title', 'page']);
    s = docReducer(s, { type: 'undo' });
    expect(s.json).toEqual({ title: 'abc' });
    s = docReducer(s, { type: 'undo' });
    expect(s.json).toEqual({ title: 'a' });
    expect(s.last).toMatchObject({ kind: 'undo', label: 'title' });
    s = docReducer(s, { type: 'redo' });
    expect(s.json).toEqual({ title: 'abc' });
    // A new change after an undo drops what could have been redone.
    s = docReducer(s, { type: 'change', label: 'x', update: (j) => ({ ...j, x: 1 }), at: 5000 });
    expect(s.future).toEqual([]);
  });
});
