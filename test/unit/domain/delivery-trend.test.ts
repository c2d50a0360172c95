/**
 * The delivery-time trend test (server/domain/delivery-trend.ts): Armitage's test on the share of
 * each period's answers at or below the pooled lower median, days read as the delivery figure
 * reads them, and the perturbation's variance added on protected counts.
 */
import { describe, expect, it } from 'vitest';
import { medianShareTrend } from '../../../server/domain/delivery-trend.js';

// Days 1 and 5, six answers each in all: the pooled lower median x(6) is 1. "na" and a negative
// day are no answers (as for the delivery figure): counted, the last period would have 3 of 6 ≤ 1.
const periods = [
  {
    counts: new Map([
      ['1', 3],
      ['5', 1],
    ]),
    score: 1,
  },
  {
    counts: new Map([
      ['1', 2],
      ['5', 2],
    ]),
    score: 2,
  },
  {
    counts: new Map([
      ['1', 1],
      ['5', 3],
      ['na', 4],
      ['-1', 2],
    ]),
    score: 3,
  },
];

describe('medianShareTrend', () => {
  it('tests the shares at or below the pooled median (hand calculation)', () => {
    // x = 3, 2, 1 of n = 4 each, scores 1–3: N = 12, X = 6, p̄ = 1/2, t̄ = 2,
    // Σn·t² − N·t̄² = 56 − 48 = 8, T = 10 − 12 = −2, χ² = 4 / (1/4 · 8) = 2, slope −2/8.
    const r = medianShareTrend(periods)!;
    expect(r.splitAt).toBe(1);
    expect(r.test.chiSquare).toBeCloseTo(2, 12);
    expect(r.test.slope).toBeCloseTo(-0.25, 12);
    expect(r.test.periods).toBe(3);
    expect(r.test.method).toBe('chi-square test for linear trend (Armitage)');
  });

  it('adds the perturbation variance of each period’s share', () => {
    // The last period's counts carry 0.5 each: its share 1/4 carries
    // ((3/4)²·0.5 + (1/4)²·0.5) / 16 = 0.01953125, times (t − t̄)²·n² = 16: 0.3125 more.
    const noisy = periods.map((p, i) =>
      i === 2
        ? {
            ...p,
            noise: new Map([
              ['1', 0.5],
              ['5', 0.5],
            ]),
          }
        : p,
    );
    const r = medianShareTrend(noisy)!;
    expect(r.test.chiSquare).toBeCloseTo(4 / (2 + 0.3125), 12);
    expect(r.test.method).toMatch(/perturbation variance added/);
  });

  it('has no test without answers or without variation', () => {
    expect(medianShareTrend([{ counts: new Map([['na', 3]]), score: 1 }])).toBeNull();
    const same = [
      { counts: new Map([['2', 3]]), score: 1 },
      { counts: new Map([['2', 5]]), score: 2 },
    ];
    expect(medianShareTrend(same)).toBeNull();
  });
});
