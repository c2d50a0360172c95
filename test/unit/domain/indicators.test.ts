import { describe, it, expect } from 'vitest';
import { affordabilityIndex } from '../../../server/domain/affordability.js';
import { coverageCoefficient, responseRate, safeRatio } from '../../../server/domain/volumes.js';

describe('affordabilityIndex', () => {
  it('(none + afford_yes) / (none + afford_yes + afford_no)', () => {
    const r = affordabilityIndex(
      { none: 60, small: 25, large: 15, na: 9 },
      { yes: 30, no: 8, na: 2 },
    );
    expect(r).toEqual({
      n: 98,
      none: 60,
      paid: 40,
      affordYes: 30,
      affordNo: 8,
      index: expect.closeTo(90 / 98, 14),
    });
  });

  it('everyone paid nothing → 1; nobody could afford → 0', () => {
    expect(affordabilityIndex({ none: 5 }, {}).index).toBe(1);
    expect(affordabilityIndex({ paid: 4 }, { no: 4 }).index).toBe(0);
  });

  it('null when the denominator is 0', () => {
    expect(affordabilityIndex({}, {}).index).toBeNull();
    expect(affordabilityIndex({ na: 10 }, { na: 1 }).index).toBeNull();
    // paid but nobody answered the follow-up
    expect(affordabilityIndex({ paid: 3 }, {}).index).toBeNull();
  });
});

describe('response rate and coverage', () => {
  it('ratios', () => {
    expect(responseRate(45, 300)).toBeCloseTo(0.15, 15);
    expect(coverageCoefficient(900, 1000)).toBeCloseTo(0.9, 15);
    expect(coverageCoefficient(1100, 1000)).toBeCloseTo(1.1, 15); // not capped
    expect(responseRate(0, 300)).toBe(0);
  });

  it('null, never 0, when the denominator is missing or 0', () => {
    expect(responseRate(45, undefined)).toBeNull();
    expect(responseRate(45, null)).toBeNull();
    expect(responseRate(45, 0)).toBeNull();
    expect(coverageCoefficient(900, undefined)).toBeNull();
    expect(coverageCoefficient(900, 0)).toBeNull();
    expect(coverageCoefficient(null, 1000)).toBeNull();
    expect(safeRatio(1, NaN)).toBeNull();
  });
});
