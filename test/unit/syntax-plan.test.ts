/**
 * How the statistics syntax reads each export column (server/exports/syntax-plan.ts) and the
 * pieces of syntax every package needs quoted right (server/exports/syntax.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Column } from '../../server/exports/columns.js';
import { same } from '../../server/exports/texts.js';
import { safeName, syntaxPlan } from '../../server/exports/syntax-plan.js';
import { cutBytes, rScript, spssSyntax, stataDo } from '../../server/exports/syntax.js';

const column = (name: string, type: string, values: string[] = []): Column => ({
  name,
  text: { uz: `${name} (uz)`, 'uz-Cyrl': `${name} (cyrl)`, ru: `${name} (ru)`, en: `${name} (en)` },
  type,
  valueLabels: same(''),
  values: values.map((v) => ({ value: v, text: { ...same(`«${v}»`), ru: `«${v}» ру` } })),
  role: '',
  versions: null,
});

describe('safeName', () => {
  it('letters, digits and _; starts with a letter; not reserved; unique; at most 32', () => {
    const taken = new Set<string>();
    expect(safeName('drivers.timeliness', taken)).toBe('drivers_timeliness');
    expect(safeName('drivers-timeliness', taken)).toBe('drivers_timeliness_2');
    expect(safeName('1st', taken)).toBe('v_1st');
    expect(safeName('comment', taken)).toBe('comment_');
    expect(safeName('BY', taken)).toBe('BY_');
    const long = safeName('x'.repeat(40), taken);
    expect(long).toHaveLength(32);
    expect(safeName('x'.repeat(40), taken)).toBe(`${'x'.repeat(30)}_2`);
  });
});

describe('syntaxPlan', () => {
  const plan = syntaxPlan(
    [
      column('satisfaction', 'rating', ['1', '2', '3', '4', '5']),
      column('drivers.ease', 'matrix row', ['1', '2', '3', '4', '5', 'na']),
      column('paid', 'radiogroup', ['none', 'formal', 'refused']),
      column('delivery_days', 'number'),
      column('comment', 'comment'),
    ],
    'ru',
    { column: 'weight', label: 'вес' },
  );
  const by = (name: string) => plan.find((p) => p.column === name)!;

  it('numbers, numeric codes with missing codes, text codes, free text and the weight', () => {
    expect(by('satisfaction')).toMatchObject({ kind: 'numeric', level: 'ordinal' });
    expect(by('drivers.ease')).toMatchObject({ kind: 'coded', level: 'ordinal' });
    expect(by('drivers.ease').values.at(-1)).toEqual({
      code: 'na',
      number: -1,
      label: '«na» ру',
      missing: true,
    });
    expect(by('paid')).toMatchObject({ kind: 'text', level: 'nominal', width: 64 });
    expect(by('paid').values.map((v) => [v.number, v.missing])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(by('delivery_days')).toMatchObject({ kind: 'numeric', level: 'scale' });
    expect(by('comment')).toMatchObject({ kind: 'text', name: 'comment_', width: 4000 });
    expect(plan.at(-1)).toMatchObject({ column: 'weight', kind: 'numeric', label: 'вес' });
  });

  it('quotes labels with quotes and apostrophes for each package', () => {
    const tricky = syntaxPlan([column('it\'s "x"', 'rating', ['1'])], 'en');
    const src = { file: 'f.csv', url: '/x', survey: 's', weight: null };
    expect(spssSyntax(tricky, src)).toContain(`'it''s "x" (en)'`);
    expect(rScript(tricky, src)).toContain(`"it's \\"x\\" (en)"`);
    expect(stataDo(tricky, src)).toContain('`"it\'s "x" (en)"\'');
  });

  it('cuts labels at a byte length without breaking a letter', () => {
    expect(cutBytes('Ўзбекистон', 5)).toBe('Ўз');
    expect(cutBytes('abc', 5)).toBe('abc');
  });
});
