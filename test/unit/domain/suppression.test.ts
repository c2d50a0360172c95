import { describe, it, expect } from 'vitest';
import {
  DEFAULT_MIN_CELL,
  isSuppressed,
  suppressParts,
} from '../../../server/domain/suppression.js';
import { rateRow, rateRowsWithTotal } from '../../../server/domain/rate-row.js';
import { rateFlags } from '../../../server/domain/flags.js';

describe('suppressParts', () => {
  it('k defaults to 5; n < k is suppressed', () => {
    expect(DEFAULT_MIN_CELL).toBe(5);
    expect(isSuppressed(4)).toBe(true);
    expect(isSuppressed(5)).toBe(false);
    expect(isSuppressed(9, 10)).toBe(true);
  });

  it('exactly one small part → the next smallest is suppressed too', () => {
    const r = suppressParts([40, 3, 12, 25]);
    expect(r.suppressed).toEqual([false, true, true, false]);
    expect(r.reasons).toEqual([null, 'below_k', 'complementary', null]);
  });

  it('ties for the next smallest: the first in input order', () => {
    expect(suppressParts([20, 12, 2, 12]).reasons).toEqual([
      null,
      'complementary',
      'below_k',
      null,
    ]);
  });

  it('two or more small parts: no complementary suppression', () => {
    expect(suppressParts([40, 3, 12, 1]).suppressed).toEqual([false, true, false, true]);
  });

  it('only one other part: it is suppressed too', () => {
    expect(suppressParts([2, 100]).suppressed).toEqual([true, true]);
  });

  it('a single part: nothing else to suppress', () => {
    expect(suppressParts([3]).reasons).toEqual(['below_k']);
  });

  it('no total shown: no complementary suppression', () => {
    expect(suppressParts([40, 3, 12], 5, false).suppressed).toEqual([false, true, false]);
  });

  it('nothing small: nothing suppressed', () => {
    expect(suppressParts([5, 6, 7]).suppressed).toEqual([false, false, false]);
    expect(suppressParts([]).suppressed).toEqual([]);
  });
});

describe('flags', () => {
  it('low_n below 30 and wide_ci above 0.20', () => {
    expect(rateFlags(29, [0.4, 0.55])).toEqual(['low_n']);
    expect(rateFlags(30, [0.4, 0.55])).toEqual([]);
    expect(rateFlags(100, [0.3, 0.51])).toEqual(['wide_ci']);
    expect(rateFlags(100, [0.25, 0.45])).toEqual([]); // exactly 0.20 is not wider
    expect(rateFlags(10, [0.1, 0.6])).toEqual(['low_n', 'wide_ci']);
  });
});

describe('rateRow', () => {
  it('the API example: 81 of 263', () => {
    const row = rateRow(81, 263);
    expect(row.n).toBe(263);
    expect(row.satisfied).toBe(81);
    expect(row.rate).toBe(81 / 263); // unrounded
    expect(row.ci95![0]).toBeCloseTo(0.2553, 4);
    expect(row.ci95![1]).toBeCloseTo(0.3662, 4);
    expect(row.suppressed).toBe(false);
    expect(row.flags).toEqual([]);
  });

  it('suppressed row: n, satisfied, rate, ci95 all null', () => {
    expect(rateRow(2, 4)).toEqual({
      n: null,
      satisfied: null,
      rate: null,
      ci95: null,
      suppressed: true,
      flags: [],
    });
    expect(rateRow(50, 100, { suppress: true }).suppressed).toBe(true);
    expect(rateRow(3, 7, { k: 10 }).suppressed).toBe(true);
  });

  it('small but shown: low_n and wide_ci', () => {
    const row = rateRow(5, 10);
    expect(row.rate).toBe(0.5);
    expect(row.flags).toEqual(['low_n', 'wide_ci']);
  });

  it('p = 0 and p = 1 rows', () => {
    expect(rateRow(0, 40).ci95![0]).toBe(0);
    expect(rateRow(40, 40).ci95![1]).toBe(1);
  });

  it('k = 0 and n = 0: rate null, not 0', () => {
    const row = rateRow(0, 0, { k: 0 });
    expect(row.rate).toBeNull();
    expect(row.ci95).toBeNull();
    expect(row.suppressed).toBe(false);
  });

  it('rows beside a total get complementary suppression', () => {
    const rows = rateRowsWithTotal([
      { satisfied: 30, n: 40 },
      { satisfied: 1, n: 3 },
      { satisfied: 8, n: 12 },
    ]);
    expect(rows.map((r) => r.suppressed)).toEqual([false, true, true]);
    expect(rows[2]!.n).toBeNull();
    expect(rows[0]!.rate).toBe(0.75);
  });
});
