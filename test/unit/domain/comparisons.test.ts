import { describe, expect, it } from 'vitest';
import { compareFamily, effectiveCounts } from '../../../server/domain/comparisons.js';
import { linearTrendTest } from '../../../server/domain/linear-trend.js';
import { newcombe } from '../../../server/domain/newcombe.js';
import { twoProportionZTest } from '../../../server/domain/two-proportion.js';
import { mantelHaenszelRiskDifference } from '../../../server/domain/mantel-haenszel.js';

describe('compareFamily: one meaning of "significant"', () => {
  it('BH-adjusts the family and needs the interval to exclude 0 as well', () => {
    const contrasts = [
      { x1: 30, n1: 100, x2: 60, n2: 100 }, // clearly different
      { x1: 52, n1: 100, x2: 40, n2: 100 }, // raw p ≈ 0.09: not significant
      null, // not shown: no test, no share of the control
      { x1: 45, n1: 100, x2: 31, n2: 100 }, // raw p ≈ 0.04: significant alone, not after BH
    ];
    const r = compareFamily('test', contrasts);
    expect(r.size).toBe(3);
    expect(r.results[2]).toBeNull();
    const p = [0, 1, 3].map((i) => {
      const c = contrasts[i]!;
      return twoProportionZTest(c.x1, c.n1, c.x2, c.n2)!.p;
    });
    expect(p[2]).toBeLessThan(0.05);
    expect(p[2]).toBeGreaterThan(0.05 * (2 / 3));
    // BH by hand: ranks by p are 1 (first), 2 (fourth), 3 (second); adjusted = min over j ≥ i.
    const adj3 = Math.min(1, p[1]!);
    const adj2 = Math.min(adj3, (3 * p[2]!) / 2);
    const adj1 = Math.min(adj2, 3 * p[0]!);
    expect(r.results[0]!.pAdjusted).toBeCloseTo(adj1, 15);
    expect(r.results[3]!.pAdjusted).toBeCloseTo(adj2, 15);
    expect(r.results[1]!.pAdjusted).toBeCloseTo(adj3, 15);
    expect(r.results.map((x) => x?.significant ?? null)).toEqual([true, false, null, false]);
    // The interval is Newcombe's, of the same difference.
    expect(r.results[3]!.ci95).toEqual(newcombe(45, 100, 31, 100)!.ci95);
    expect(r.results[3]!.diff).toBeCloseTo(0.14, 15);
  });

  it('a family of one is the plain test', () => {
    const r = compareFamily('one', [{ x1: 45, n1: 100, x2: 31, n2: 100 }]);
    expect(r.results[0]!.significant).toBe(true);
    expect(r.results[0]!.pAdjusted).toBe(r.results[0]!.p);
  });
});

describe('linearTrendTest (chi-square for linear trend)', () => {
  it("reproduces R's prop.trend.test example (smokers of patients)", () => {
    // ?prop.trend.test: smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
    // X-squared = 8.2249, df = 1, p-value = 0.004132
    const r = linearTrendTest([
      { x: 83, n: 86 },
      { x: 90, n: 93 },
      { x: 129, n: 136 },
      { x: 70, n: 82 },
    ])!;
    expect(r.chiSquare).toBeCloseTo(8.2249, 4);
    expect(r.p).toBeCloseTo(0.004132, 6);
    expect(r.periods).toBe(4);
  });

  it('matches a hand calculation with exact fractions', () => {
    // x = 1, 2, 3 of n = 4 each, scores 1, 2, 3: N = 12, X = 6, p̄ = 1/2, t̄ = 2,
    // Σn·t² − N·t̄² = 56 − 48 = 8, T = 14 − 12 = 2, χ² = 4 / (1/4 · 8) = 2, slope = 2/8.
    const r = linearTrendTest([
      { x: 1, n: 4 },
      { x: 2, n: 4 },
      { x: 3, n: 4 },
    ])!;
    expect(r.chiSquare).toBeCloseTo(2, 14);
    expect(r.slope).toBeCloseTo(0.25, 14);
    // P(χ²₁ ≥ 2) = erfc(1) = 0.157299207050285…
    expect(r.p).toBeCloseTo(0.157299207050285, 12);
  });

  it("adds each count's perturbation variance to the statistic's (protected figures)", () => {
    // The hand example above with the middle period's rate carrying 0.01 more variance and the
    // last 0.02: t̄ = 2, so Σ (t − t̄)²·n²·added = 0 + 0 + 1·16·0.02 = 0.32;
    // variance = 1/4 · 8 + 0.32 = 2.32, χ² = 4 / 2.32.
    const plain = [
      { x: 1, n: 4 },
      { x: 2, n: 4 },
      { x: 3, n: 4 },
    ];
    const r = linearTrendTest([
      plain[0]!,
      { ...plain[1]!, added: 0.01 },
      { ...plain[2]!, added: 0.02 },
    ])!;
    expect(r.chiSquare).toBeCloseTo(4 / 2.32, 14);
    expect(r.slope).toBeCloseTo(0.25, 14);
    expect(r.method).toMatch(/perturbation variance added/);
    // No added variance: Armitage's test itself.
    const same = linearTrendTest(plain.map((p) => ({ ...p, added: 0 })))!;
    expect(same).toEqual(linearTrendTest(plain));
    expect(same.method).toBe('chi-square test for linear trend (Armitage)');
  });

  it('is null with fewer than two periods or no variation', () => {
    expect(linearTrendTest([{ x: 3, n: 4 }])).toBeNull();
    expect(
      linearTrendTest([
        { x: 4, n: 4 },
        { x: 5, n: 5 },
      ]),
    ).toBeNull();
  });
});

describe('Mantel–Haenszel risk difference (Greenland & Robins variance)', () => {
  it('matches a hand calculation with exact fractions', () => {
    // Stratum 1: 8/10 vs 3/5, w = 50/15 = 10/3, difference 1/5.
    // Stratum 2: 2/4 vs 6/12, w = 48/16 = 3, difference 0.
    // RD = (10/3 · 1/5) / (19/3) = 2/19.
    // Var: (100/9)(8·2/(100·9) + 3·2/(25·4)) = 70/81 and 9(2·2/(16·3) + 6·6/(144·11)) = 21/22,
    // (70/81 + 21/22) / (19/3)² = (3241/1782)(9/361) = 3241/71478.
    const r = mantelHaenszelRiskDifference([
      { x1: 8, n1: 10, x0: 3, n0: 5 },
      { x1: 2, n1: 4, x0: 6, n0: 12 },
      { x1: 3, n1: 3, x0: 0, n0: 0 }, // one group only: no weight
    ])!;
    expect(r.diff).toBeCloseTo(2 / 19, 15);
    expect(r.se).toBeCloseTo(Math.sqrt(3241 / 71478), 15);
    expect(r.ci95[0]).toBeCloseTo(2 / 19 - 1.959964 * Math.sqrt(3241 / 71478), 14);
    expect(r.strata).toBe(2);
  });

  it('one stratum: the plain difference; none: null', () => {
    const r = mantelHaenszelRiskDifference([{ x1: 30, n1: 50, x0: 20, n0: 50 }])!;
    expect(r.diff).toBeCloseTo(0.2, 15);
    // w = 25; Var = (30·20/(2500·49) + 20·30/(2500·49)) = 1200/122500
    expect(r.se).toBeCloseTo(Math.sqrt(1200 / 122500), 15);
    expect(mantelHaenszelRiskDifference([{ x1: 1, n1: 2, x0: 0, n0: 0 }])).toBeNull();
  });
});

describe('a rate carrying variance besides sampling (protected figures)', () => {
  it('stands on the effective sample size n · s / (s + added)', () => {
    // 50 of 100: p̃ = 52/104 = 1/2, s = 1/400; an added variance of 1/400 halves n.
    expect(effectiveCounts(50, 100, 1 / 400)).toEqual({ x: 25, n: 50 });
    // 0 of 40: p̃ = 2/44, s = (1/22)(21/22)/40 = 21/19360; added 21/19360 halves n, x stays 0.
    const zero = effectiveCounts(0, 40, 21 / 19_360);
    expect(zero.x).toBe(0);
    expect(zero.n).toBeCloseTo(20, 12);
    // Nothing added: the counts themselves.
    expect(effectiveCounts(7, 9)).toEqual({ x: 7, n: 9 });
  });

  it('widens the interval and raises the p-value of a difference, and can take its significance away', () => {
    const plain = { x1: 60, n1: 100, x2: 45, n2: 100 };
    const [without] = compareFamily('steps', [plain]).results;
    const [withNoise] = compareFamily('steps', [
      { ...plain, added1: 1 / 400, added2: 1 / 400 },
    ]).results;
    expect(without!.significant).toBe(true);
    expect(withNoise!.diff).toBeCloseTo(without!.diff, 12);
    expect(withNoise!.p).toBeGreaterThan(without!.p);
    expect(withNoise!.ci95[1] - withNoise!.ci95[0]).toBeGreaterThan(
      without!.ci95[1] - without!.ci95[0],
    );
    expect(withNoise!.significant).toBe(false);
  });
});
