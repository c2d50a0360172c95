import { describe, it, expect } from 'vitest';
import {
  binomialCdf,
  deliveryTime,
  percentileFromHistogram,
  quantileIntervalRanks,
} from '../../../server/domain/delivery.js';

describe('quantiles: Hyndman & Fan (1996) definition 2', () => {
  it('median of an even n averages the two middle values', () => {
    // days 1, 2, 3, 4 → (2 + 3) / 2
    expect(percentileFromHistogram({ 1: 1, 2: 1, 3: 1, 4: 1 }, 0.5)).toBe(2.5);
    // the example: days 14 and 17 → 15.5
    expect(percentileFromHistogram({ 14: 1, 17: 1 }, 0.5)).toBe(15.5);
  });

  it('median of an odd n is the middle', () => {
    expect(percentileFromHistogram({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }, 0.5)).toBe(3);
  });

  it('p90 of 10 observations averages the 9th and 10th (q·n = 9 exactly)', () => {
    const h = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, 1]));
    expect(0.9 * 10).toBe(9);
    expect(percentileFromHistogram(h, 0.9)).toBe(9.5);
    // n = 11: q·n = 9.9 → x(10)
    const h11 = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i + 1, 1]));
    expect(percentileFromHistogram(h11, 0.9)).toBe(10);
  });

  it('floating-point products count as whole (0.28 · 25 = 7.000000000000001)', () => {
    expect(0.28 * 25).toBeGreaterThan(7);
    // 7 answers of day 5 and 18 of day 40: q·n = 7 → (x(7) + x(8)) / 2 = (5 + 40) / 2
    expect(percentileFromHistogram({ 5: 7, 40: 18 }, 0.28)).toBe(22.5);
    expect(percentileFromHistogram({ 5: 8, 40: 17 }, 0.28)).toBe(5);
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
    // sorted: 2×5, 7×4, 30×1; n = 10 → median (x5 + x6)/2 = (2 + 7)/2; p90 (x9 + x10)/2 = (7 + 30)/2
    expect(deliveryTime(h)).toMatchObject({ n: 10, median: 4.5, p90: 18.5 });
  });

  it('no data → nulls, with the reason', () => {
    expect(deliveryTime({})).toMatchObject({
      n: 0,
      median: null,
      p90: null,
      medianCi95: null,
      medianNoInterval: 'no_data',
    });
    expect(deliveryTime({ na: 3 })).toMatchObject({ n: 0, median: null, p90: null });
  });

  it('day 0 is a valid answer', () => {
    expect(deliveryTime({ 0: 6, 1: 4 })).toMatchObject({ n: 10, median: 0, p90: 1 });
  });
});

describe('distribution-free order-statistic interval of a quantile', () => {
  it('binomial probabilities match exact fractions', () => {
    // Binomial(10, 1/2): P(Y ≤ 1) = 11/1024, P(Y ≤ 8) = 1013/1024
    expect(binomialCdf(1, 10, 0.5)).toBeCloseTo(11 / 1024, 14);
    expect(binomialCdf(8, 10, 0.5)).toBeCloseTo(1013 / 1024, 14);
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
  });

  it('median of n = 10: [x(2), x(9)] with coverage 1002/1024 (the textbook table value)', () => {
    // P(Y ≤ 1) = 11/1024 ≤ 0.025 < P(Y ≤ 2) = 56/1024 → l = 2;
    // P(Y ≤ 7) = 968/1024 < 0.975 ≤ P(Y ≤ 8) = 1013/1024 → u = 9.
    const r = quantileIntervalRanks(10, 0.5)!;
    expect(r.low).toBe(2);
    expect(r.high).toBe(9);
    expect(r.coverage).toBeCloseTo(1002 / 1024, 14);
    const h = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [(i + 1) * 10, 1]));
    expect(deliveryTime(h)).toMatchObject({ median: 55, medianCi95: [20, 90] });
  });

  it('too few answers: the median needs 6, the 90th percentile 36', () => {
    expect(quantileIntervalRanks(5, 0.5)).toBeNull();
    expect(quantileIntervalRanks(6, 0.5)).toMatchObject({ low: 1, high: 6 });
    // 1 − 0.9^35 = 0.9750… is ≥ 0.975 only from n = 36 on … 0.9^35 = 0.02503 > 0.025
    expect(quantileIntervalRanks(35, 0.9)).toBeNull();
    expect(quantileIntervalRanks(36, 0.9)).not.toBeNull();
    const few = deliveryTime({ 3: 2, 9: 3 });
    expect(few).toMatchObject({ medianCi95: null, medianNoInterval: 'too_few_answers' });
  });

  it('large n: normal ranks agree with the exact ones within one rank', () => {
    const approx = quantileIntervalRanks(1001, 0.5)!;
    const exact = quantileIntervalRanks(1000, 0.5)!;
    expect(Math.abs(approx.low - exact.low)).toBeLessThanOrEqual(1);
    expect(Math.abs(approx.high - exact.high)).toBeLessThanOrEqual(2);
  });
});
