import { describe, expect, it } from 'vitest';
import { needOf } from '../../../server/reports/context.js';
import { emptyTable, regroup, type GroupCounts } from '../../../server/reports/rollup-reader.js';
import { indicatorVariables } from '../../../server/reports/survey-variables.js';

function cell(region: string | null, sector: string | null, sat: Record<string, number>) {
  const table = emptyTable();
  table[4]![4] = sat['5'] ?? 0;
  const g: GroupCounts = {
    group: { region, sector },
    responses: Object.values(sat).reduce((s, n) => s + n, 0),
    answers: new Map([
      ['sat', new Map(Object.entries(sat))],
      ['timely', new Map([['5', sat['5'] ?? 0]])],
    ]),
    pairs: new Map([['timely', table]]),
  };
  return g;
}

describe('regroup', () => {
  const fine = [
    cell('B', 'state', { '5': 2, '1': 1 }),
    cell('A', 'ngo', { '5': 1 }),
    cell('A', 'state', { '4': 3 }),
    cell(null, 'state', { '2': 4 }),
  ];

  it('adds a finer grouping up to a coarser one, in group order with nulls last', () => {
    const regions = regroup(fine, ['region']);
    expect(regions.map((g) => g.group)).toEqual([
      { region: 'A' },
      { region: 'B' },
      { region: null },
    ]);
    expect(regions.map((g) => g.responses)).toEqual([4, 3, 4]);
    expect([...regions[0]!.answers.get('sat')!]).toEqual([
      ['5', 1],
      ['4', 3],
    ]);
    const sectors = regroup(fine, ['sector']);
    expect(sectors.map((g) => [g.group.sector, g.responses])).toEqual([
      ['ngo', 1],
      ['state', 10],
    ]);
    expect(sectors[1]!.pairs.get('timely')![4]![4]).toBe(2);
  });

  it('gives one overall group, or none when nothing was read', () => {
    const [overall, ...rest] = regroup(fine, []);
    expect(rest).toEqual([]);
    expect(overall!.group).toEqual({});
    expect(overall!.responses).toBe(11);
    expect(overall!.answers.get('timely')!.get('5')).toBe(3);
    expect(regroup([], [])).toEqual([]);
  });

  it('leaves the fine counts untouched', () => {
    regroup(fine, []);
    expect(fine[0]!.responses).toBe(3);
    expect(fine[0]!.pairs.get('timely')![4]![4]).toBe(2);
  });
});

describe('needOf', () => {
  const v = indicatorVariables([
    [
      { variable: 'sat', question: 'sat', role: 'satisfaction', type: 'rating' },
      { variable: 'days', question: 'days', role: 'delivery_days', type: 'number' },
      { variable: 'd.t', question: 'd', row: 't', role: 'driver:timeliness', type: 'matrix' },
    ],
  ]);

  it('reads only what each report uses', () => {
    expect(needOf('satisfaction', v)).toEqual({ variables: ['sat'], drivers: [], pairs: 'none' });
    expect(needOf('trend', v)).toEqual({ variables: ['sat'], drivers: [], pairs: 'none' });
    expect(needOf('bottlenecks', v)).toEqual({
      variables: ['sat'],
      drivers: ['d.t'],
      pairs: 'tables',
    });
    expect(needOf('indicators', v)).toEqual({
      variables: ['sat', 'days'],
      drivers: ['d.t'],
      pairs: 'margins',
    });
    expect(needOf(undefined, v)).toBeUndefined();
  });
});
