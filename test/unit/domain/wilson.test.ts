import { describe, it, expect } from 'vitest';
import { wilson, Z95 } from '../../../server/domain/wilson.js';

describe('wilson', () => {
  it('uses z = 1.959964 exactly', () => {
    expect(Z95).toBe(1.959964);
  });

  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])('%i/%i → (%f, %f) as published', (x, n, low, high) => {
    const ci = wilson(x, n);
    expect(ci).not.toBeNull();
    expect(ci![0]).toBeCloseTo(low, 4);
    expect(ci![1]).toBeCloseTo(high, 4);
  });

  it('matches the METRICS.md formula to 12 digits', () => {
    // Reference values from the formula evaluated independently (Python, float64).
    const ci = wilson(81, 263)!;
    expect(ci[0]).toBeCloseTo(0.255288519489016, 12);
    expect(ci[1]).toBeCloseTo(0.366209577458019, 12);
    const half = wilson(5, 10)!;
    expect(half[0]).toBeCloseTo(0.236593089011479, 12);
    expect(half[1]).toBeCloseTo(0.763406910988521, 12);
  });

  it('p = 0 gives a lower bound of exactly 0', () => {
    const ci = wilson(0, 20)!;
    expect(ci[0]).toBe(0);
    expect(ci[1]).toBeCloseTo(0.16112516018513, 12);
    expect(wilson(0, 1)![0]).toBe(0);
    expect(wilson(0, 1)![1]).toBeCloseTo(0.793450688208197, 12);
  });

  it('p = 1 gives an upper bound of exactly 1', () => {
    const ci = wilson(29, 29)!;
    expect(ci[1]).toBe(1);
    expect(ci[0]).toBeCloseTo(0.883030199870816, 12);
    expect(wilson(1, 1)).toEqual([expect.closeTo(0.206549311791803, 12), 1]);
  });

  it('n = 0 → null', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
  });
});
