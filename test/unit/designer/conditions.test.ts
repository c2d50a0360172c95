/** Conditions as rows and back, read by survey-core's ConditionsParser. */
import { describe, expect, test } from 'vitest';
import { fromExpression, toExpression } from '../../../web/src/admin/designer/model/conditions.js';

describe('condition rows', () => {
  test.each([
    ['{a} = 1', '{a} = 1'],
    ["{a} = 'x' or {b} = 2 and {c} = 3", "{a} = 'x' or ({b} = 2 and {c} = 3)"],
    ['({a} = 1 or {b} = 2) and {c} empty', '({a} = 1 or {b} = 2) and {c} empty'],
    ["{a} anyof ['x','y']", "{a} anyof ['x', 'y']"],
    ['{m.r1} >= 3', '{m.r1} >= 3'],
    ["{a} contains 'x' and {b} notempty", "{a} contains 'x' and {b} notempty"],
    ['{a} <> true', '{a} <> true'],
  ])('%s reads as rows and writes back as %s', (text, back) => {
    const g = fromExpression(text);
    expect(g).not.toBeNull();
    expect(toExpression(g!)).toBe(back);
  });

  test('nested groups keep their all/any', () => {
    expect(fromExpression("({a} = 1 or {b} = 2) and {c} = 'z'")).toEqual({
      kind: 'group',
      all: true,
      items: [
        {
          kind: 'group',
          all: false,
          items: [
            { kind: 'row', variable: 'a', op: 'equal', value: 1 },
            { kind: 'row', variable: 'b', op: 'equal', value: 2 },
          ],
        },
        { kind: 'row', variable: 'c', op: 'equal', value: 'z' },
      ],
    });
  });

  test.each(['!({a} = 1)', 'age({d}) > 18', '{a} = {b}', '{a} = ', '1 = {a}'])(
    '%s stays text',
    (text) => {
      expect(fromExpression(text)).toBeNull();
    },
  );

  test('rows with a quote in a value write a string survey-core reads back', () => {
    const g = {
      kind: 'group' as const,
      all: true,
      items: [{ kind: 'row' as const, variable: 'a', op: 'equal' as const, value: "it's" }],
    };
    const text = toExpression(g);
    expect(text).toBe("{a} = 'it\\'s'");
    expect(fromExpression(text)).toEqual(g);
  });
});
