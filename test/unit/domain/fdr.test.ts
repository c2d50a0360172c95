import { describe, it, expect } from 'vitest';
import { benjaminiHochberg, FDR_Q } from '../../../server/domain/fdr.js';
import { groupVsRestTest, twoProportionZTest } from '../../../server/domain/two-proportion.js';
import { groupsBelowOverall } from '../../../server/domain/below-overall.js';

describe('benjaminiHochberg', () => {
  // Benjamini & Hochberg (1995), §4.1: 15 p-values; at q = 0.05 the first four are rejected.
  const bh1995 = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
    0.6528, 0.759, 1.0,
  ];

  it('the textbook example: four discoveries', () => {
    const r = benjaminiHochberg(bh1995);
    expect(FDR_Q).toBe(0.05);
    expect(r.q).toBe(0.05);
    expect(r.rejected).toEqual([true, true, true, true, ...new Array<boolean>(11).fill(false)]);
  });

  it('adjusted p-values as R p.adjust(p, "BH")', () => {
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571429, 0.0638571428571429, 0.0645,
      0.0765, 0.486, 0.581181818181818, 0.714875, 0.753230769230769, 0.813214285714286, 1,
    ];
    const r = benjaminiHochberg(bh1995);
    r.adjusted.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, 12));
  });

  it('keeps the input order', () => {
    const shuffled = [0.6528, 0.0004, 0.0459, 0.0095, 0.0001, 1.0, 0.0019];
    const r = benjaminiHochberg(shuffled);
    // m = 7: thresholds i·0.05/7; sorted 0.0001 0.0004 0.0019 0.0095 0.0459 0.6528 1
    // p(4) = 0.0095 ≤ 0.02857 and p(5) = 0.0459 > 0.0357 → four rejected.
    expect(r.rejected).toEqual([false, true, false, true, true, false, true]);
    expect(r.adjusted[4]).toBeCloseTo(0.0007, 12);
    expect(r.adjusted[3]).toBeCloseTo((0.0095 * 7) / 4, 12);
    expect(r.adjusted[2]).toBeCloseTo((0.0459 * 7) / 5, 12);
  });

  it('step-up: a later p-value under its threshold rescues earlier ones', () => {
    // m = 3, q = 0.05: thresholds 0.0167, 0.0333, 0.05. p(1) = 0.02 fails alone but p(3) = 0.04
    // passes, so all three are rejected.
    const r = benjaminiHochberg([0.04, 0.02, 0.03]);
    expect(r.rejected).toEqual([true, true, true]);
    expect(r.adjusted).toEqual([0.04, 0.04, 0.04].map((v) => expect.closeTo(v, 12)));
  });

  it('empty input and a custom q', () => {
    expect(benjaminiHochberg([])).toEqual({ rejected: [], adjusted: [], q: 0.05 });
    expect(benjaminiHochberg([0.02, 0.5], 0.01).rejected).toEqual([false, false]);
  });
});

describe('twoProportionZTest (pooled score test)', () => {
  // Reference: scipy.stats.chi2_contingency(correction=False) p-value; z² = χ².
  it('30/100 vs 50/100', () => {
    const r = twoProportionZTest(30, 100, 50, 100)!;
    expect(r.z).toBeCloseTo(-2.88675134594813, 12);
    expect(r.p).toBeCloseTo(0.00389241712277864, 14);
    expect(twoProportionZTest(30, 100, 50, 100, 'less')!.p).toBeCloseTo(0.00194620856138931, 14);
    expect(twoProportionZTest(30, 100, 50, 100, 'greater')!.p).toBeCloseTo(0.998053791438611, 12);
  });

  it('group vs the rest of the total', () => {
    // group 81/263, rest 400/1000 → total 481/1263
    const r = groupVsRestTest(81, 263, 481, 1263)!;
    expect(r.z).toBeCloseTo(-2.73440759900481, 12);
    expect(r.p).toBeCloseTo(0.00624926323707765, 14);
  });

  it('all answers equal → no evidence: z = 0, p = 1', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ z: 0, p: 1 });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ z: 0, p: 1 });
  });

  it('empty sample → null', () => {
    expect(twoProportionZTest(0, 0, 3, 10)).toBeNull();
    expect(groupVsRestTest(5, 10, 5, 10)).toBeNull(); // the group is the whole total
  });
});

describe('groupsBelowOverall', () => {
  it('flags groups significantly below after BH, ranked by gap', () => {
    const groups = [
      { group: 'A', x: 30, n: 100 }, // clearly below
      { group: 'B', x: 70, n: 100 },
      { group: 'C', x: 66, n: 100 },
      { group: 'D', x: 40, n: 100 }, // below
      { group: 'E', x: 90, n: 100 }, // clearly above: significant but not below
    ];
    const total = { x: 296, n: 500 };
    const r = groupsBelowOverall(groups, total);
    expect(r.q).toBe(0.05);
    expect(r.groups.map((g) => g.group)).toEqual(['A', 'B', 'C', 'D', 'E']);
    // Ranked by the gap, most negative first.
    expect(r.below.map((g) => g.group)).toEqual(['A', 'D']);
    expect(r.below[0]!.gap).toBeLessThan(r.below[1]!.gap);
    const a = r.groups[0]!;
    expect(a.rate).toBe(0.3);
    expect(a.overallRate).toBeCloseTo(0.592, 12);
    // The gap and its interval are one contrast: group − rest = 30/100 − 266/400.
    expect(a.restRate).toBeCloseTo(0.665, 12);
    expect(a.gap).toBeCloseTo(-0.365, 12);
    expect(a.ci95![0]).toBeLessThan(a.gap);
    expect(a.ci95![1]).toBeGreaterThan(a.gap);
    // A vs rest: 30/100 vs 266/400
    expect(a.p).toBeCloseTo(twoProportionZTest(30, 100, 266, 400)!.p, 15);
    const bh = benjaminiHochberg(r.groups.map((g) => g.p));
    r.groups.forEach((g, i) => expect(g.pAdjusted).toBe(bh.adjusted[i]));
    expect(r.groups[4]!.below).toBe(false);
    expect(a.ci95![1]).toBeLessThan(0);
  });
});

describe('groupsBelowOverall on protected figures (variance besides sampling)', () => {
  // 30 of 100 in the group, 420 of 600 in the rest: raw z-test p ≈ 1e-12, clearly below.
  const group = { group: 'g', x: 30, n: 100 };
  const total = { x: 450, n: 700 };

  it('without added variance it is the plain test, and the group is below', () => {
    const [g] = groupsBelowOverall([group], total).groups;
    expect(g!.below).toBe(true);
  });

  it('tests on the effective sample sizes: same gap, larger p, wider interval', () => {
    const [plain] = groupsBelowOverall([group], total).groups;
    // Added variances equal to each side's sampling variance halve both effective sizes.
    const shrunkG = 32 / 104;
    const shrunkR = 422 / 604;
    const [noisy] = groupsBelowOverall(
      [
        {
          ...group,
          added: (shrunkG * (1 - shrunkG)) / 100,
          restAdded: (shrunkR * (1 - shrunkR)) / 600,
        },
      ],
      total,
    ).groups;
    expect(noisy!.gap).toBeCloseTo(plain!.gap, 12);
    expect(noisy!.p).toBeGreaterThan(plain!.p);
    expect(noisy!.ci95![1] - noisy!.ci95![0]).toBeGreaterThan(plain!.ci95![1] - plain!.ci95![0]);
    // Halved sizes: the same as testing 15 of 50 against 210 of 300.
    const halved = groupsBelowOverall([{ group: 'h', x: 15, n: 50 }], { x: 225, n: 350 })
      .groups[0]!;
    expect(noisy!.p).toBeCloseTo(halved.p, 12);
    expect(noisy!.ci95![0]).toBeCloseTo(halved.ci95![0], 12);
  });
});
