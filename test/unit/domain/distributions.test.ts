import { describe, it, expect } from 'vitest';
import {
  normalCdf,
  normalTwoSidedP,
  normalUpperTail,
  studentTCdf,
  studentTTwoSidedP,
} from '../../../server/domain/distributions.js';
import {
  lnGamma,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
} from '../../../server/domain/special.js';

// Reference values from SciPy 1.17 (scipy.special / scipy.stats), float64.
describe('special functions', () => {
  it('lnGamma', () => {
    expect(lnGamma(0.5)).toBeCloseTo(0.5723649429247, 13);
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(10)).toBeCloseTo(12.801827480081469, 12);
    expect(lnGamma(100.5)).toBeCloseTo(361.43554046777757, 10);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 13);
  });

  it('regularized incomplete beta', () => {
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 14);
    expect(regularizedIncompleteBeta(0.2, 0.5, 0.5)).toBeCloseTo(0.29516723530086653, 13);
    expect(regularizedIncompleteBeta(0.9, 50, 0.5)).toBeCloseTo(0.001204149832559813, 15);
    expect(regularizedIncompleteBeta(0.3, 10, 20)).toBeCloseTo(0.36400408107194371, 13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('regularized incomplete gamma', () => {
    expect(regularizedGammaP(2, 1.5)).toBeCloseTo(0.44217459962892519, 14);
    expect(regularizedGammaQ(0.5, 4)).toBeCloseTo(0.0046777349810472758, 15);
    expect(regularizedGammaP(5, 20)).toBeCloseTo(0.9999830552560699, 14);
  });
});

describe('normal distribution', () => {
  it('two-sided p of z = 1.959964 is 0.05', () => {
    expect(normalTwoSidedP(1.959964)).toBeCloseTo(0.049999998192884795, 13);
    expect(normalTwoSidedP(-1.959964)).toBeCloseTo(0.049999998192884795, 13);
  });

  it('cdf and tails', () => {
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 15);
    expect(normalCdf(1)).toBeCloseTo(0.84134474606854293, 14);
    expect(normalCdf(0)).toBe(0.5);
    const far = normalUpperTail(8);
    expect(far / 6.2209605742717405e-16).toBeCloseTo(1, 10);
  });
});

describe('Student t distribution', () => {
  it('t = 2.228, df = 10 → p ≈ 0.05', () => {
    expect(studentTTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 3);
    expect(studentTTwoSidedP(2.228, 10)).toBeCloseTo(0.05001177181711132, 13);
  });

  it.each([
    [2.0, 5, 0.10193947882985835],
    [10, 3, 0.0021283990584141503],
    [0.5, 100, 0.61817356583088656],
    [3.5, 1, 0.17717106556580953],
    [2.5, 50000, 0.012422507811111597],
  ])('t = %f, df = %i', (t, df, p) => {
    expect(studentTTwoSidedP(t, df)).toBeCloseTo(p, 12);
    expect(studentTTwoSidedP(-t, df)).toBeCloseTo(p, 12);
  });

  it('far tail keeps relative accuracy', () => {
    expect(studentTTwoSidedP(6, 200) / 9.1151203488103459e-9).toBeCloseTo(1, 10);
  });

  it('t = 0 → p = 1; infinite t → p = 0; cdf is symmetric', () => {
    expect(studentTTwoSidedP(0, 7)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 7)).toBe(0);
    expect(studentTCdf(2.228, 10)).toBeCloseTo(1 - 0.05001177181711132 / 2, 13);
    expect(studentTCdf(-2.228, 10)).toBeCloseTo(0.05001177181711132 / 2, 13);
  });
});
