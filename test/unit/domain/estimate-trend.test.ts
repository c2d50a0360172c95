import { describe, expect, it } from 'vitest';
import {
  ESTIMATE_TREND_METHOD,
  estimateTrendTest,
  seFromInterval,
} from '../../../server/domain/estimate-trend.js';
import { linearTrendTest } from '../../../server/domain/linear-trend.js';

/**
 * The weighted least-squares slope by the normal equations of the design matrix X = [1, t]:
 * β = (XᵀWX)⁻¹ XᵀWy, Var(β) = (XᵀWX)⁻¹ — a different route to the same line than the centred
 * sums of the implementation.
 */
function normalEquations(y: number[], se: number[], t: number[]) {
  let a = 0; // Σw
  let b = 0; // Σwt
  let d = 0; // Σwt²
  let u = 0; // Σwy
  let v = 0; // Σwty
  y.forEach((yi, i) => {
    const w = 1 / se[i]! ** 2;
    a += w;
    b += w * t[i]!;
    d += w * t[i]! ** 2;
    u += w * yi;
    v += w * t[i]! * yi;
  });
  const det = a * d - b * b;
  return { slope: (a * v - b * u) / det, variance: a / det };
}

describe('estimateTrendTest (inverse-variance weighted slope across periods)', () => {
  it('matches a hand calculation with exact fractions', () => {
    // y = 1, 2, 4 with SE 1, 1, 2 at t = 1, 2, 3: w = 1, 1, 1/4, Σw = 9/4, t̄ = (15/4)/(9/4) = 5/3,
    // ȳ = 4/(9/4) = 16/9; t − t̄ = −2/3, 1/3, 4/3; y − ȳ = −7/9, 2/9, 20/9;
    // Sₜₜ = 4/9 + 1/9 + 1/4 · 16/9 = 1; Sₜᵧ = 14/27 + 2/27 + 1/4 · 80/27 = 4/3.
    // slope = 4/3, SE = 1, z = 4/3, χ² = 16/9, p = erfc((4/3)/√2) = 0.18242243945173…
    const { test } = estimateTrendTest([
      { estimate: 1, se: 1 },
      { estimate: 2, se: 1 },
      { estimate: 4, se: 2 },
    ]);
    expect(test).not.toBeNull();
    expect(test!.slope).toBeCloseTo(4 / 3, 14);
    expect(test!.slopeSe).toBeCloseTo(1, 14);
    expect(test!.z).toBeCloseTo(4 / 3, 14);
    expect(test!.chiSquare).toBeCloseTo(16 / 9, 14);
    expect(test!.p).toBeCloseTo(0.1824224394517358, 12);
    expect(test!.slopeCi95[0]).toBeCloseTo(4 / 3 - 1.959964, 12);
    expect(test!.slopeCi95[1]).toBeCloseTo(4 / 3 + 1.959964, 12);
    expect(test!.periods).toBe(3);
    expect(test!.method).toBe(ESTIMATE_TREND_METHOD);
  });

  it("is the Armitage test when each rate's variance is p̄(1 − p̄)/n (R's prop.trend.test)", () => {
    // ?prop.trend.test: smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
    // X-squared = 8.2249, df = 1, p-value = 0.004132
    const x = [83, 90, 129, 70];
    const n = [86, 93, 136, 82];
    const pBar = x.reduce((s, v) => s + v, 0) / n.reduce((s, v) => s + v, 0);
    const { test } = estimateTrendTest(
      x.map((xi, i) => ({ estimate: xi / n[i]!, se: Math.sqrt((pBar * (1 - pBar)) / n[i]!) })),
    );
    expect(test!.chiSquare).toBeCloseTo(8.2249, 4);
    expect(test!.p).toBeCloseTo(0.004132, 6);
    const armitage = linearTrendTest(x.map((xi, i) => ({ x: xi, n: n[i]! })))!;
    expect(test!.chiSquare).toBeCloseTo(armitage.chiSquare, 10);
    expect(test!.slope).toBeCloseTo(armitage.slope, 12);
  });

  it('agrees with the normal equations on uneven scores and standard errors', () => {
    const y = [12.5, 11, 13.25, 9.5, 8, 8.75];
    const se = [1.2, 0.8, 2.5, 0.6, 1.1, 0.9];
    const t = [1, 2, 4, 5, 6, 9];
    const { test } = estimateTrendTest(
      y.map((estimate, i) => ({ estimate, se: se[i]! })),
      t,
    );
    const ref = normalEquations(y, se, t);
    expect(test!.slope).toBeCloseTo(ref.slope, 12);
    expect(test!.slopeSe).toBeCloseTo(Math.sqrt(ref.variance), 12);
    expect(test!.chiSquare).toBeCloseTo(ref.slope ** 2 / ref.variance, 10);
    expect(test!.slope).toBeLessThan(0);
  });

  it('is the ordinary least-squares slope when every period has the same SE', () => {
    // y = 3, 5, 4, 8 at t = 1…4: t − 2.5 = −1.5, −0.5, 0.5, 1.5 and y − 5 = −2, 0, −1, 3, so
    // the OLS slope = Σ(t − 2.5)(y − 5) / Σ(t − 2.5)² = (3 + 0 − 0.5 + 4.5) / 5 = 1.4;
    // SE = s / √5 with s = 2: z = 1.4 · √5 / 2.
    const { test } = estimateTrendTest([3, 5, 4, 8].map((estimate) => ({ estimate, se: 2 })));
    expect(test!.slope).toBeCloseTo(1.4, 14);
    expect(test!.slopeSe).toBeCloseTo(2 / Math.sqrt(5), 14);
    expect(test!.z).toBeCloseTo((1.4 * Math.sqrt(5)) / 2, 14);
  });

  it('leaves out periods without an estimate or a finite positive SE', () => {
    const full = estimateTrendTest(
      [
        { estimate: 1, se: 1 },
        { estimate: 2, se: 1 },
        { estimate: 4, se: 2 },
      ],
      [1, 2, 5],
    );
    const gaps = estimateTrendTest(
      [
        { estimate: 1, se: 1 },
        { estimate: 2, se: 1 },
        { estimate: null, se: 1 },
        { estimate: 7, se: null },
        { estimate: 7, se: Infinity },
        { estimate: 7, se: 0 },
        { estimate: 7, se: NaN },
        { estimate: 4, se: 2 },
      ],
      [1, 2, 3, 3, 4, 4, 4, 5],
    );
    expect(gaps).toEqual(full);
    expect(gaps.test!.periods).toBe(3);
  });

  it('has no test with fewer than 3 usable periods, and says why', () => {
    expect(estimateTrendTest([])).toEqual({ test: null, reason: 'too_few_periods' });
    expect(
      estimateTrendTest([
        { estimate: 1, se: 1 },
        { estimate: 2, se: 1 },
        { estimate: 3, se: null },
      ]),
    ).toEqual({ test: null, reason: 'too_few_periods' });
  });
});

describe('seFromInterval', () => {
  it('is the width of a 95% interval over 2 · 1.959964', () => {
    // A symmetric normal interval 10 ± 1.959964 · 2 gives back SE 2.
    expect(seFromInterval([10 - 1.959964 * 2, 10 + 1.959964 * 2])).toBeCloseTo(2, 14);
    // An asymmetric one (a Wilson interval, a median's order statistics) by its width alone.
    expect(seFromInterval([3, 7])).toBeCloseTo(4 / (2 * 1.959964), 14);
  });

  it('is null without an interval or with one of no width', () => {
    expect(seFromInterval(null)).toBeNull();
    expect(seFromInterval(undefined)).toBeNull();
    expect(seFromInterval([4, 4])).toBeNull();
    expect(seFromInterval([-Infinity, 4])).toBeNull();
  });
});
