/**
 * Post-stratification weights (server/domain/weights.ts, docs/weights.md) against calculations
 * done by hand with exact fractions, written out in each test.
 */
import { describe, expect, it } from 'vitest';
import {
  postStratify,
  weightedRate,
  wilsonEff,
  type WeightCell,
} from '../../../server/domain/weights.js';

const cell = (
  key: string,
  region: string,
  sector: string,
  n: number,
  population: number | null,
): WeightCell => ({ key, region, sector, n, population });

/** Cells separated by `;`: key, region, sector, respondents, served (`-`: not recorded). */
const table = (text: string): WeightCell[] =>
  text.split(';').map((line) => {
    const [key, region, sector, n, served] = line.trim().split(/\s+/) as [
      string,
      string,
      string,
      string,
      string,
    ];
    return cell(key, region, sector, Number(n), served === '-' ? null : Number(served));
  });

describe('postStratify', () => {
  it('cell weighting: w = N / n in every cell with enough respondents', () => {
    const w = postStratify(
      table('A R1 state 10 1000; B R1 ngo 20 500; C R2 state 5 250; empty R2 ngo 0 90'),
    );
    expect(w.cells.get('A')).toEqual({ weight: 100, method: 'cell', trimmed: false });
    expect(w.cells.get('B')).toEqual({ weight: 25, method: 'cell', trimmed: false });
    expect(w.cells.get('C')).toEqual({ weight: 50, method: 'cell', trimmed: false });
    expect(w.cells.has('empty')).toBe(false);
    // Mean weight 1750 / 35 = 50; the cap is 5 × 50.
    expect(w.cap).toBe(250);
    expect(w.unrecorded).toBe(0);
  });

  it('rakes small cells over region and sector to the served margins', () => {
    // By hand: margins R1 = 30 + 20 = 50, R2 = 50 + 70 = 120, state = 30 + 50 = 80,
    // ngo = 20 + 70 = 90. Raking finds w = a(region) · b(sector) matching them: a = (10, 20),
    // b = (1, 3): R1 = 2·10 + 1·30 = 50, R2 = 3·20 + 1·60 = 120, state = 2·10 + 3·20 = 80,
    // ngo = 1·30 + 1·60 = 90. (Cell weighting would give 15, 20, 50/3, 70.)
    const w = postStratify(table('D R1 state 2 30; E R1 ngo 1 20; F R2 state 3 50; G R2 ngo 1 70'));
    const expected = { D: 10, E: 30, F: 20, G: 60 };
    for (const [key, weight] of Object.entries(expected)) {
      expect(w.cells.get(key)!.method).toBe('raked');
      expect(w.cells.get(key)!.weight).toBeCloseTo(weight, 9);
    }
    expect(w.rounds).toBeGreaterThan(1);
  });

  it('trims at the cap and spreads the excess, keeping the weighted total', () => {
    // Weights 1, 1, 40; mean 220 / 25 = 44/5; cap 2 × 44/5 = 88/5. C is cut to 88/5 (88 in all);
    // the other 220 − 88 = 132 go to A and B's 20 respondents: 132/20 = 33/5 each.
    const w = postStratify(
      [
        cell('A', 'R1', 'state', 10, 10),
        cell('B', 'R1', 'ngo', 10, 10),
        cell('C', 'R2', 'state', 5, 200),
      ],
      { cap: 2 },
    );
    expect(w.cap).toBeCloseTo(88 / 5, 12);
    expect(w.cells.get('C')).toEqual({ weight: w.cap, method: 'cell', trimmed: true });
    expect(w.cells.get('A')!.weight).toBeCloseTo(33 / 5, 12);
    expect(w.cells.get('B')!.weight).toBeCloseTo(33 / 5, 12);
    const total = [...w.cells.entries()].reduce(
      (s, [k, c]) => s + c.weight * (k === 'C' ? 5 : 10),
      0,
    );
    expect(total).toBeCloseTo(220, 9);
  });

  it('gives respondents with no recorded volume the mean weight, and counts them', () => {
    const w = postStratify([
      cell('A', 'R1', 'state', 10, 300),
      cell('B', 'R1', 'ngo', 10, 100),
      cell('X', 'R2', 'ngo', 4, null),
      cell('Z', 'R2', 'ngo', 2, 0),
    ]);
    // Mean weight (300 + 100) / 20 = 20.
    expect(w.cells.get('X')).toEqual({ weight: 20, method: 'mean', trimmed: false });
    expect(w.cells.get('Z')).toEqual({ weight: 20, method: 'mean', trimmed: false });
    expect(w.unrecorded).toBe(6);
  });
});

describe('weightedRate', () => {
  it('equals the hand calculation: rate, n_eff, design effect and Wilson on n_eff', () => {
    // Cells: w = 100, x = 6 of 10; w = 25, 18 of 20; w = 50, 1 of 5.
    // Σwx = 600 + 450 + 50 = 1100; Σwm = 1000 + 500 + 250 = 1750: rate = 1100/1750 = 22/35.
    // Σw²m = 100000 + 12500 + 12500 = 125000: n_eff = 1750² / 125000 = 49/2; deff = 35 / (49/2) = 10/7.
    const r = weightedRate([
      { weight: 100, x: 6, m: 10 },
      { weight: 25, x: 18, m: 20 },
      { weight: 50, x: 1, m: 5 },
    ]);
    expect(r.n).toBe(35);
    expect(r.rate).toBeCloseTo(22 / 35, 15);
    expect(r.nEff).toBeCloseTo(49 / 2, 12);
    expect(r.designEffect).toBeCloseTo(10 / 7, 12);
    // Wilson (METRICS.md) with p = 22/35, n = 49/2, z = 1.959964, written out here.
    const p = 22 / 35;
    const n = 49 / 2;
    const z2 = 1.959964 ** 2;
    const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const half = (1.959964 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
    expect(r.ci95![0]).toBeCloseTo(centre - half, 12);
    expect(r.ci95![1]).toBeCloseTo(centre + half, 12);
  });

  it('equal weights give the unweighted rate, n_eff = n and deff = 1', () => {
    const r = weightedRate([
      { weight: 7, x: 3, m: 10 },
      { weight: 7, x: 9, m: 10 },
    ]);
    expect(r.rate).toBeCloseTo(12 / 20, 15);
    expect(r.nEff).toBeCloseTo(20, 12);
    expect(r.designEffect).toBeCloseTo(1, 12);
  });

  it('no valid answer: null rate, n_eff and interval, never 0', () => {
    expect(weightedRate([{ weight: 3, x: 0, m: 0 }])).toEqual({
      n: 0,
      rate: null,
      nEff: null,
      designEffect: null,
      ci95: null,
    });
    expect(wilsonEff(1, 10)![1]).toBe(1);
    expect(wilsonEff(0, 10)![0]).toBe(0);
  });
});
