import { describe, it, expect } from 'vitest';
import {
  correlationFromTable,
  correlationPValue,
  pearsonFromTable,
  spearmanFromTable,
} from '../../../server/domain/correlation.js';
import { studentTTwoSidedP } from '../../../server/domain/distributions.js';
import { prng } from '../../helpers/prng.js';

// --- naive cross-check: expand the table into observations ------------------------------------

function expand(table: number[][]): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  table.forEach((row, i) =>
    row.forEach((c, j) => {
      for (let k = 0; k < c; k++) {
        xs.push(i + 1);
        ys.push(j + 1);
      }
    }),
  );
  return { xs, ys };
}

function naivePearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Average ranks by sorting the observations (ties get the mean of their positions). */
function naiveRanks(values: number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  let k = 0;
  while (k < order.length) {
    let end = k;
    while (end < order.length && order[end]!.v === order[k]!.v) end++;
    const avg = (k + 1 + end) / 2; // positions k+1 .. end
    for (let m = k; m < end; m++) ranks[order[m]!.i] = avg;
    k = end;
  }
  return ranks;
}

function naiveSpearman(xs: number[], ys: number[]): number {
  return naivePearson(naiveRanks(xs), naiveRanks(ys));
}

function naiveP(r: number, n: number): number {
  const t = r * Math.sqrt((n - 2) / (1 - r * r));
  return studentTTwoSidedP(t, n - 2);
}

// --- tests -----------------------------------------------------------------------------------

const strong = [
  [10, 5, 3, 1, 0],
  [4, 12, 6, 2, 1],
  [2, 6, 15, 8, 3],
  [1, 2, 7, 20, 9],
  [0, 1, 3, 10, 25],
];

describe('correlation from a table of counts', () => {
  // Reference: scipy.stats.pearsonr / spearmanr on the expanded 156 observations.
  it('Pearson on a 5×5 table', () => {
    const r = pearsonFromTable(strong);
    expect(r.n).toBe(156);
    expect(r.r).toBeCloseTo(0.722419066291458, 12);
    expect(r.p! / 1.86149598417996e-26).toBeCloseTo(1, 8);
  });

  it('Spearman (mid-ranks) on a 5×5 table', () => {
    const r = spearmanFromTable(strong);
    expect(r.r).toBeCloseTo(0.719911845898634, 12);
    expect(r.p! / 3.33669254263039e-26).toBeCloseTo(1, 8);
    expect(correlationFromTable(strong).method).toBe('spearman');
  });

  it('a weak, non-significant association', () => {
    const weak = [
      [3, 2, 2, 2, 1],
      [2, 3, 2, 2, 2],
      [2, 2, 3, 2, 2],
      [2, 2, 2, 3, 2],
      [1, 2, 2, 2, 3],
    ];
    const p = pearsonFromTable(weak);
    expect(p.r).toBeCloseTo(0.176470588235294, 12);
    expect(p.p).toBeCloseTo(0.206216287026449, 12);
    const s = spearmanFromTable(weak);
    expect(s.r).toBeCloseTo(0.175610985134795, 12);
    expect(s.p).toBeCloseTo(0.208470179071716, 12);
  });

  it('a negative association on a non-square table', () => {
    const neg = [
      [0, 0, 1, 2],
      [0, 1, 1, 0],
      [3, 1, 0, 0],
    ];
    expect(pearsonFromTable(neg).r).toBeCloseTo(-0.916544468883458, 12);
    expect(pearsonFromTable(neg).p).toBeCloseTo(0.000509161607848616, 14);
    expect(spearmanFromTable(neg).r).toBeCloseTo(-0.913459316259361, 12);
    expect(spearmanFromTable(neg).p).toBeCloseTo(0.000576355416064652, 14);
  });

  it('agrees with the naive computation on 200 random tables', () => {
    const rand = prng(20240601);
    let checked = 0;
    for (let trial = 0; trial < 200; trial++) {
      const sparse = rand() < 0.3;
      const table = Array.from({ length: 5 }, () =>
        Array.from({ length: 5 }, () =>
          sparse && rand() < 0.6 ? 0 : Math.floor(rand() * (trial % 2 ? 12 : 4)),
        ),
      );
      const { xs, ys } = expand(table);
      const p = pearsonFromTable(table);
      const s = spearmanFromTable(table);
      if (p.r === null || s.r === null) continue;
      checked++;
      expect(p.r).toBeCloseTo(naivePearson(xs, ys), 12);
      expect(s.r).toBeCloseTo(naiveSpearman(xs, ys), 12);
      expect(p.p).toBeCloseTo(naiveP(p.r, xs.length), 10);
      expect(s.p).toBeCloseTo(naiveP(s.r, xs.length), 10);
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('all answers equal on either side → undefined (no_variance)', () => {
    const allFive = [
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [3, 5, 2, 8, 20],
    ];
    expect(spearmanFromTable(allFive)).toEqual({
      r: null,
      p: null,
      n: 38,
      method: 'spearman',
      reason: 'no_variance',
    });
    const satAllFour = allFive.map((_, i) => [0, 0, 0, 4 + i, 0]);
    expect(pearsonFromTable(satAllFour)).toMatchObject({ r: null, p: null, reason: 'no_variance' });
  });

  it('n < 3 → undefined', () => {
    expect(
      spearmanFromTable([
        [1, 0],
        [0, 1],
      ]),
    ).toEqual({ r: null, p: null, n: 2, method: 'spearman', reason: 'too_few_observations' });
    expect(spearmanFromTable([])).toMatchObject({ r: null, n: 0, reason: 'too_few_observations' });
  });

  it('perfect correlation → r = 1, p = 0', () => {
    const diag = [
      [5, 0, 0],
      [0, 5, 0],
      [0, 0, 5],
    ];
    expect(pearsonFromTable(diag)).toEqual({ r: 1, p: 0, n: 15, method: 'pearson' });
    expect(spearmanFromTable(diag.map((row) => [...row].reverse())).r).toBe(-1);
  });

  it('p-value equals the t test with n − 2 df', () => {
    // r = 0.6, n = 12 → t = 0.6·sqrt(10/0.64) = 2.3717…, df = 10
    const t = 0.6 * Math.sqrt(10 / 0.64);
    expect(correlationPValue(0.6, 12)).toBeCloseTo(studentTTwoSidedP(t, 10), 14);
  });

  it('rejects ragged tables and negative counts', () => {
    expect(() => spearmanFromTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => spearmanFromTable([[1, -2]])).toThrow(RangeError);
  });
});
