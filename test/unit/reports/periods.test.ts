import { describe, expect, it } from 'vitest';
import { pickCuboid } from '../../../server/reports/cuboid-choice.js';
import { periodOf } from '../../../db/rollups/cuboids.js';
import { intersect, isIsoDay, splitRange } from '../../../server/reports/periods.js';

describe('splitRange: whole months from the monthly rollups, edge days from the daily ones', () => {
  it.each([
    [null, null, [{ period: 'month', from: null, to: null }]],
    ['2026-10-01', '2026-11-30', [{ period: 'month', from: '2026-10', to: '2026-11' }]],
    [
      '2026-10-15',
      '2026-12-10',
      [
        { period: 'month', from: '2026-11', to: '2026-11' },
        { period: 'day', from: '2026-10-15', to: '2026-10-31' },
        { period: 'day', from: '2026-12-01', to: '2026-12-10' },
      ],
    ],
    ['2026-10-15', '2026-11-10', [{ period: 'day', from: '2026-10-15', to: '2026-11-10' }]],
    ['2026-10-05', '2026-10-05', [{ period: 'day', from: '2026-10-05', to: '2026-10-05' }]],
    [
      '2026-12-31',
      null,
      [
        { period: 'month', from: '2027-01', to: null },
        { period: 'day', from: '2026-12-31', to: '2026-12-31' },
      ],
    ],
    [
      null,
      '2028-02-28',
      [
        { period: 'month', from: null, to: '2028-01' },
        { period: 'day', from: '2028-02-01', to: '2028-02-28' },
      ],
    ],
    [null, '2028-02-29', [{ period: 'month', from: null, to: '2028-02' }]],
    ['2026-11-02', '2026-11-01', []],
  ] as const)('%s … %s', (from, to, spans) => {
    expect(splitRange(from, to)).toEqual(spans);
  });

  it.each([
    [['month', 'day']],
    [['year', 'month', 'dekad', 'day']],
    [['year', 'dekad', 'day']],
    [['month', 'dekad', 'day']],
    [['year', 'day']],
  ] as const)('covers every day of a range exactly once with %j', (levels) => {
    // Every day and its period at each level, worked out once: the loops below only compare.
    const FIRST = -800;
    const days = Array.from({ length: 2500 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + FIRST + i)).toISOString().slice(0, 10),
    );
    const day = (i: number) => days[i - FIRST]!;
    const periods = new Map(levels.map((l) => [l, days.map((d) => periodOf(l, d))]));
    for (let a = -400; a < 800; a += 61) {
      for (let b = a; b < a + 800; b += 47) {
        const covered: string[] = [];
        for (const s of splitRange(day(a), day(b), levels)) {
          const keys = periods.get(s.period)!;
          for (let i = a - 370; i <= b + 370; i++) {
            const d = day(i);
            const key = keys[i - FIRST]!;
            if ((s.from === null || key >= s.from) && (s.to === null || key <= s.to))
              covered.push(d);
          }
        }
        const expected = Array.from({ length: b - a + 1 }, (_, i) => day(a + i));
        expect(covered.sort()).toEqual(expected);
      }
    }
  });

  it('reads whole years, then months, dekads and edge days', () => {
    const all = ['year', 'month', 'dekad', 'day'] as const;
    expect(splitRange(null, null, all)).toEqual([{ period: 'year', from: null, to: null }]);
    expect(splitRange('2025-11-14', '2026-10-31', all)).toEqual([
      { period: 'month', from: '2025-12', to: '2026-10' },
      { period: 'dekad', from: '2025-11-21', to: '2025-11-21' },
      { period: 'day', from: '2025-11-14', to: '2025-11-20' },
    ]);
    expect(splitRange('2024-02-15', '2026-09-10', all)).toEqual([
      { period: 'year', from: '2025', to: '2025' },
      { period: 'month', from: '2024-03', to: '2024-12' },
      { period: 'dekad', from: '2024-02-21', to: '2024-02-21' },
      { period: 'day', from: '2024-02-15', to: '2024-02-20' },
      { period: 'month', from: '2026-01', to: '2026-08' },
      { period: 'dekad', from: '2026-09-01', to: '2026-09-01' },
    ]);
    // The last dekad of February ends on its last day, leap year or not.
    expect(splitRange('2028-02-21', '2028-02-29', all)).toEqual([
      { period: 'dekad', from: '2028-02-21', to: '2028-02-21' },
    ]);
    expect(splitRange('2026-02-21', '2026-02-28', all)).toEqual([
      { period: 'dekad', from: '2026-02-21', to: '2026-02-21' },
    ]);
    expect(splitRange(null, '2026-03-15', all)).toEqual([
      { period: 'year', from: null, to: '2025' },
      { period: 'month', from: '2026-01', to: '2026-02' },
      { period: 'dekad', from: '2026-03-01', to: '2026-03-01' },
      { period: 'day', from: '2026-03-11', to: '2026-03-15' },
    ]);
  });

  it('keeps a day in the period of each level that holds it', () => {
    expect(periodOf('year', '2026-02-15')).toBe('2026');
    expect(periodOf('month', '2026-02-15')).toBe('2026-02');
    expect(periodOf('dekad', '2026-02-10')).toBe('2026-02-01');
    expect(periodOf('dekad', '2026-02-11')).toBe('2026-02-11');
    expect(periodOf('dekad', '2026-02-20')).toBe('2026-02-11');
    expect(periodOf('dekad', '2026-02-28')).toBe('2026-02-21');
    expect(periodOf('dekad', '2026-12-31')).toBe('2026-12-21');
    expect(periodOf('day', '2026-02-15')).toBe('2026-02-15');
  });

  it('knows real calendar days and intersects ranges', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-1-01')).toBe(false);
    expect(intersect('2026-10-10', null, '2026-10-01', '2026-10-20')).toEqual({
      from: '2026-10-10',
      to: '2026-10-20',
    });
    expect(intersect(null, '2026-09-30', '2026-10-01', '2026-10-20')).toBeNull();
  });
});

describe('pickCuboid', () => {
  it('takes the smallest cuboid that keeps every dimension', () => {
    expect(pickCuboid('month', []).name).toBe('area-month');
    expect(pickCuboid('day', ['region', 'sector']).name).toBe('area-day');
    // The area cuboids leave the channel out: a channel is read from the provider cuboids.
    expect(pickCuboid('day', ['region', 'channel']).name).toBe('provider-day');
    expect(pickCuboid('month', ['channel']).name).toBe('provider-month');
    expect(pickCuboid('month', ['district']).name).toBe('provider-month');
    expect(pickCuboid('day', ['provider', 'channel']).name).toBe('provider-day');
    expect(pickCuboid('month', ['segment', 'sector']).name).toBe('segment-month');
  });

  it('never uses the segment cuboid unless asked, and refuses what no cuboid keeps', () => {
    expect(pickCuboid('month', ['region', 'sector']).name).toBe('area-month');
    expect(() => pickCuboid('day', ['segment'])).toThrow(/choose whole months/);
    expect(() => pickCuboid('month', ['segment', 'provider'])).toThrow(/no monthly rollup/);
  });
});
