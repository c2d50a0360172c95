import { describe, it, expect } from 'vitest';
import { affordability } from '../../../server/domain/affordability.js';
import { npsInterval, nps } from '../../../server/domain/nps.js';
import { wilson, Z95 } from '../../../server/domain/wilson.js';
import { coverageCoefficient, responseRate, safeRatio } from '../../../server/domain/volumes.js';

describe('affordability and the informal-payment rate', () => {
  it('an informal payer counts against the index whatever the follow-up says', () => {
    // 120 responses: 60 paid nothing, 30 formal (20 afford, 6 cannot, 4 skipped the follow-up),
    // 12 informal (8 said they could afford it), 3 both, 9 prefer not to say, 6 no answer.
    const paid = { none: 60, formal: 30, informal: 12, both: 3, na: 9 };
    const cross = {
      'none/': 60,
      'formal/yes': 20,
      'formal/no': 6,
      'formal/': 4,
      'informal/yes': 8,
      'informal/no': 4,
      'both/yes': 3,
      'na/': 9,
    };
    const r = affordability(paid, cross, 120);
    // index = (60 + 20) / (60 + 20 + 6 + 15) = 80/101
    expect(r.n).toBe(101);
    expect(r.index).toBeCloseTo(80 / 101, 15);
    expect(r.ci95).toEqual(wilson(80, 101));
    expect(r.informal).toBe(15);
    expect(r.formalSkipped).toBe(4);
    // informal rate = 15 / (60 + 30 + 15) = 15/105 = 1/7
    expect(r.informalRate).toEqual({ x: 15, n: 105, rate: 15 / 105, ci95: wilson(15, 105) });
    expect(r.itemNonResponse).toEqual({
      responses: 120,
      preferNotToSay: 9,
      preferNotToSayShare: 9 / 120,
      noAnswer: 6,
      noAnswerShare: 6 / 120,
      followUpSkipped: 4,
      followUpSkippedShare: 4 / 120,
    });
    expect(r.reason).toBeNull();
  });

  it('everyone paid nothing → 1; every payer informal → 0', () => {
    expect(affordability({ none: 5 }, { 'none/': 5 }, 5).index).toBe(1);
    expect(affordability({ informal: 4 }, { 'informal/yes': 4 }, 4).index).toBe(0);
  });

  it('null when the denominator is 0, or when the cross is not in the rollups yet', () => {
    expect(affordability({}, {}, 0).index).toBeNull();
    expect(affordability({ na: 10 }, { 'na/': 10 }, 10).index).toBeNull();
    const old = affordability({ none: 3, formal: 3 }, {}, 6);
    expect(old).toMatchObject({ index: null, reason: 'rollups_need_rebuild' });
    expect(old.informalRate.rate).toBe(0);
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

describe('NPS interval (Rocks 2016 adjusted Wald)', () => {
  it('matches a hand calculation with exact fractions', () => {
    // n = 17, 8 promoters, 3 detractors: n + 3 = 20, p̃ = 8.75/20 = 7/16, d̃ = 3.75/20 = 3/16,
    // centre = 1/4, variance = (7/16 + 3/16 − 1/16) / 20 = (9/16)/20 = 9/320, sd = 3/sqrt(320)
    const half = Z95 * (3 / Math.sqrt(320));
    const ci = npsInterval(8, 3, 17)!;
    expect(ci[0]).toBeCloseTo(0.25 - half, 14);
    expect(ci[1]).toBeCloseTo(0.25 + half, 14);
    const r = nps({ 10: 5, 9: 3, 8: 4, 7: 2, 3: 3 });
    expect(r).toMatchObject({ n: 17, promoters: 8, detractors: 3 });
    expect(r.ci95).toEqual(ci);
  });

  it('stays inside [−1, 1]; none without answers', () => {
    const all = npsInterval(4, 0, 4)!;
    expect(all[1]).toBe(1);
    expect(all[0]).toBeGreaterThan(0);
    expect(npsInterval(0, 0, 0)).toBeNull();
  });
});
