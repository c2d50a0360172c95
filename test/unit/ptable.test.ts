import { describe, expect, it } from 'vitest';
import { createPtable, perturb } from '../../server/domain/ptable.js';

const params = { version: 1, k: 5, sd: 1.5, maxNoise: 5 };

describe('the perturbation table', () => {
  const table = createPtable(params);

  it('is zero-mean for every count and never publishes 1 … k − 1', () => {
    for (const row of table.rows) {
      expect(Math.abs(row.mean)).toBeLessThan(1e-9);
      for (const j of row.noise) {
        const o = row.count + j;
        expect(o === 0 || o >= params.k).toBe(true);
      }
      expect(row.cumulative.at(-1)).toBe(1);
    }
    for (let count = 1; count < 40; count++) {
      for (let key = 0; key < 1; key += 0.001) {
        const o = perturb(table, count, key);
        expect(o === 0 || o >= params.k).toBe(true);
      }
    }
  });

  it('adds more noise to small counts than to large ones', () => {
    const big = table.rows.at(-1)!.variance;
    expect(table.rows[2]!.variance).toBeGreaterThan(big);
    expect(big).toBeGreaterThan(1.5);
    expect(table.rows[0]!.variance).toBe(0);
  });

  it('is reproducible from its parameters and refuses impossible ones', () => {
    expect(createPtable(params)).toEqual(table);
    expect(() => createPtable({ ...params, maxNoise: 2 })).toThrow(/maxNoise/);
  });

  it('keeps a large count unbiased over uniform cell keys', () => {
    let sum = 0;
    const steps = 100_000;
    for (let i = 0; i < steps; i++) sum += perturb(table, 100, (i + 0.5) / steps) - 100;
    expect(Math.abs(sum / steps)).toBeLessThan(0.01);
  });
});
