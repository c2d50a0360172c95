import { describe, it, expect } from 'vitest';
import { topBoxRate } from '../../../server/domain/rates.js';
import { ces, nps } from '../../../server/domain/nps.js';

describe('topBoxRate', () => {
  it('counts 4 and 5 as satisfied and excludes na from n', () => {
    const r = topBoxRate({ 1: 2, 2: 3, 3: 5, 4: 6, 5: 4, na: 10 });
    expect(r).toEqual({ n: 20, satisfied: 10, rate: 0.5, mean: expect.closeTo(3.35, 12) });
  });

  it('accepts a Map with string or number keys and ignores out-of-range values', () => {
    const r = topBoxRate(
      new Map<string | number, number>([
        ['5', 3],
        [4, 1],
        ['1', 1],
        ['0', 7],
        ['6', 7],
        ['dk', 2],
      ]),
    );
    expect(r.n).toBe(5);
    expect(r.satisfied).toBe(4);
    expect(r.rate).toBeCloseTo(0.8, 15);
    expect(r.mean).toBeCloseTo(4, 15);
  });

  it('n = 0 → rate null and mean null, never 0', () => {
    expect(topBoxRate({})).toEqual({ n: 0, satisfied: 0, rate: null, mean: null });
    expect(topBoxRate({ na: 12 })).toEqual({ n: 0, satisfied: 0, rate: null, mean: null });
  });

  it('p = 0 and p = 1', () => {
    expect(topBoxRate({ 1: 3, 3: 2 }).rate).toBe(0);
    expect(topBoxRate({ 4: 3, 5: 2 }).rate).toBe(1);
  });

  it('rejects negative counts', () => {
    expect(() => topBoxRate({ 1: -1 })).toThrow(RangeError);
  });
});

describe('nps', () => {
  it('% 9–10 minus % 0–6 as a fraction', () => {
    // promoters 5, passives 3, detractors 2, na excluded
    const r = nps({ 0: 1, 6: 1, 7: 2, 8: 1, 9: 2, 10: 3, na: 4 });
    expect(r).toMatchObject({ n: 10, promoters: 5, passives: 3, detractors: 2, nps: 0.3 });
  });

  it('bounds −1 and 1, and null without data', () => {
    expect(nps({ 0: 4, 3: 1 }).nps).toBe(-1);
    expect(nps({ 10: 4 }).nps).toBe(1);
    expect(nps({ na: 3 }).nps).toBeNull();
  });
});

describe('ces', () => {
  it('share answering 5–7 on the 1–7 item', () => {
    const r = ces({ 1: 1, 4: 3, 5: 2, 6: 2, 7: 2, na: 5 });
    expect(r.n).toBe(10);
    expect(r.easy).toBe(6);
    expect(r.rate).toBeCloseTo(0.6, 15);
    expect(r.ci95).not.toBeNull();
  });

  it('null without data', () => {
    expect(ces({})).toEqual({ n: 0, easy: 0, rate: null, ci95: null });
  });
});
