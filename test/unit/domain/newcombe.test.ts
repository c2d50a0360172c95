import { describe, it, expect } from 'vitest';
import { newcombe } from '../../../server/domain/newcombe.js';

describe('newcombe (hybrid score, method 10)', () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // examples (a)–(h), method 10, to 4 decimals.
  it.each([
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [6, 7, 2, 7, 4 / 7, 0.0582, 0.8062],
    [5, 56, 0, 29, 5 / 56, -0.0381, 0.1926],
    [0, 10, 0, 20, 0, -0.1611, 0.2775],
    [0, 10, 0, 10, 0, -0.2775, 0.2775],
    [10, 10, 0, 20, 1, 0.6791, 1],
    [10, 10, 0, 10, 1, 0.6075, 1],
  ])('%i/%i − %i/%i', (x1, n1, x2, n2, diff, low, high) => {
    const r = newcombe(x1, n1, x2, n2)!;
    expect(r.diff).toBeCloseTo(diff, 12);
    expect(r.ci95[0]).toBeCloseTo(low, 4);
    expect(r.ci95[1]).toBeCloseTo(high, 4);
  });

  it('matches the METRICS.md formula to 12 digits', () => {
    const r = newcombe(56, 70, 48, 80)!;
    expect(r.ci95[0]).toBeCloseTo(0.052431471218046, 12);
    expect(r.ci95[1]).toBeCloseTo(0.333872655016008, 12);
  });

  it('significant when the interval excludes 0', () => {
    expect(newcombe(56, 70, 48, 80)!.significant).toBe(true);
    expect(newcombe(48, 80, 56, 70)!.significant).toBe(true); // negative difference
    expect(newcombe(48, 80, 56, 70)!.ci95[1]).toBeCloseTo(-0.0524, 4);
    expect(newcombe(5, 56, 0, 29)!.significant).toBe(false);
    expect(newcombe(0, 10, 0, 10)!.significant).toBe(false);
  });

  it('an upper bound of exactly 1 at the extreme', () => {
    expect(newcombe(10, 10, 0, 10)!.ci95[1]).toBe(1);
  });

  it('n = 0 on either side → null', () => {
    expect(newcombe(0, 0, 3, 10)).toBeNull();
    expect(newcombe(3, 10, 0, 0)).toBeNull();
  });
});
