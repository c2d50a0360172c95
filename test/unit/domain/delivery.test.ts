import { describe, it, expect } from 'vitest';
import {
  deliveryTime,
  nearestRank,
  percentileFromHistogram,
} from '../../../server/domain/delivery.js';

describe('percentile rule (nearest rank: smallest d with cumulative count ≥ ceil(q·n))', () => {
  it('median of an even n is the lower middle', () => {
    // days 1, 2, 3, 4
    expect(percentileFromHistogram({ 1: 1, 2: 1, 3: 1, 4: 1 }, 0.5)).toBe(2);
  });

  it('median of an odd n is the middle', () => {
    // days 1, 2, 3, 4, 5
    expect(percentileFromHistogram({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }, 0.5)).toBe(3);
  });

  it('p90 of 10 observations is the 9th', () => {
    // days 1..10 → rank ceil(9) = 9 → day 9
    const h = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, 1]));
    expect(percentileFromHistogram(h, 0.9)).toBe(9);
  });

  it('floating-point products do not bump the rank (0.28 · 25 = 7.000000000000001)', () => {
    expect(0.28 * 25).toBeGreaterThan(7);
    expect(nearestRank(0.28, 25)).toBe(7);
    expect(nearestRank(0.9, 30)).toBe(27);
    // 7 answers of day 5 and 18 of day 40 → the 7th value is 5
    expect(percentileFromHistogram({ 5: 7, 40: 18 }, 0.28)).toBe(5);
    expect(percentileFromHistogram({ 5: 6, 40: 19 }, 0.28)).toBe(40);
  });

  it('q = 0 → the minimum, q = 1 → the maximum', () => {
    expect(percentileFromHistogram({ 3: 2, 8: 1, 20: 1 }, 0)).toBe(3);
    expect(percentileFromHistogram({ 3: 2, 8: 1, 20: 1 }, 1)).toBe(20);
  });

  it('unsorted keys, a Map, and non-numeric keys excluded', () => {
    const h = new Map<string | number, number>([
      [30, 1],
      ['2', 5],
      ['na', 100],
      [7, 4],
    ]);
    // sorted: 2×5, 7×4, 30×1; n = 10 → median rank 5 → 2; p90 rank 9 → 7
    expect(deliveryTime(h)).toEqual({ n: 10, median: 2, p90: 7 });
  });

  it('no data → nulls', () => {
    expect(deliveryTime({})).toEqual({ n: 0, median: null, p90: null });
    expect(deliveryTime({ na: 3 })).toEqual({ n: 0, median: null, p90: null });
  });

  it('day 0 is a valid answer', () => {
    expect(deliveryTime({ 0: 6, 1: 4 })).toEqual({ n: 10, median: 0, p90: 1 });
  });
});
