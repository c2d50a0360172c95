import { describe, expect, it } from 'vitest';
import { scopeOf } from '../../../server/reports/scope.js';
import { hiddenBeside } from '../../../server/reports/suppress.js';

describe('hiddenBeside', () => {
  it('suppresses parts below k and, when exactly one is, the next smallest', () => {
    expect(hiddenBeside([383, 7, 3], 393, 5)).toEqual([false, true, true]);
    expect(hiddenBeside([383, 7, 3, 2], 395, 5)).toEqual([false, false, true, true]);
    expect(hiddenBeside([383, 7], 390, 5)).toEqual([false, false]);
  });

  it('counts what no row shows as one more part', () => {
    // 4 responses fall outside every shown row: the smallest shown row hides them.
    expect(hiddenBeside([40, 9, 12], 65, 5)).toEqual([false, true, false]);
    // a remainder of at least k needs nothing more
    expect(hiddenBeside([40, 9, 12], 70, 5)).toEqual([false, false, false]);
  });

  it('leaves overlapping parts (waves) to the plain rule', () => {
    expect(hiddenBeside([40, 30], 50, 5)).toEqual([false, false]);
  });
});

describe('scopeOf', () => {
  it('limits managers to their regions, and to none when they have none', () => {
    expect(scopeOf({ role: 'manager', regions: ['UZ-SA'] })).toEqual({ regions: ['UZ-SA'] });
    expect(scopeOf({ role: 'manager', regions: null })).toEqual({ regions: [] });
    expect(scopeOf({ role: 'sociologist', regions: null })).toEqual({ regions: null });
    expect(scopeOf({ role: 'admin', regions: null })).toEqual({ regions: null });
  });
});
