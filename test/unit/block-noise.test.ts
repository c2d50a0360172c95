import { describe, expect, it } from 'vitest';
import { noiseDetail, universeOf, type StoredBlock } from '../../server/anonymity/blocks.js';
import type { BlockCounts } from '../../server/anonymity/grids.js';
import { createPtable, publishedVariance } from '../../server/domain/ptable.js';

const table = createPtable({ version: 1, k: 5, sd: 1.5, maxNoise: 5 });
const v = (published: number) => publishedVariance(table, published);

const block = (district: string, counts: Omit<BlockCounts, 'c'>): StoredBlock => ({
  grid: 'dp',
  month: '2026-05',
  region: 'UZ-QA',
  district,
  provider: `P-${district}`,
  sector: 'state',
  channel: '',
  counts: { c: 0, ...counts },
});

// A district where some people paid informally, and one where that count was published as 0
// (it may hide 1 to 4 payers): no informal answers, no satisfaction answers, no driver pairs.
const paid = block('D1', {
  n: 40,
  a: { affordability: { none: 20, formal: 14, informal: 6 } },
  r: { satisfaction: [30, 10] },
  p: { timeliness: new Array<number>(30).fill(6) },
});
const quiet = block('D2', { n: 30, a: { affordability: { none: 30 } }, p: {} });
const month = universeOf([paid, quiet]);
const universe = () => month;
const all = () => true;

describe('the noise of counts published as 0', () => {
  it('is added for every value other blocks of the read hold and the block lacks', () => {
    const d = noiseDetail([quiet], table, all, universe).answers.get('affordability')!;
    expect(v(0)).toBeGreaterThan(0);
    expect(d.get('none')).toBe(v(30));
    expect(d.get('informal')).toBe(v(0));
    expect(d.get('formal')).toBe(v(0));
  });

  it('covers a rated variable and a driver table the block has no answer of', () => {
    const d = noiseDetail([quiet], table, all, universe);
    const sat = d.answers.get('satisfaction')!;
    expect(sat.get('5')).toBeCloseTo(v(0) / 2, 12);
    expect(sat.get('1')).toBeCloseTo(v(0) / 3, 12);
    const pairs = d.pairs.get('timeliness')!;
    expect(pairs.flat().every((x) => x === v(0))).toBe(true);
    expect(pairs.flat()).toHaveLength(25);
  });

  it('adds nothing a block does not lack, and nothing without a universe', () => {
    const withU = noiseDetail([paid], table, all, universe).answers.get('affordability')!;
    const without = noiseDetail([paid], table, all).answers.get('affordability')!;
    expect([...withU]).toEqual([...without]);
    expect(noiseDetail([quiet], table, all).answers.get('affordability')!.has('informal')).toBe(
      false,
    );
  });

  it('is the sum over the blocks of a group', () => {
    const d = noiseDetail([paid, quiet], table, all, universe).answers.get('affordability')!;
    expect(d.get('informal')).toBeCloseTo(v(6) + v(0), 12);
    expect(d.get('none')).toBeCloseTo(v(20) + v(30), 12);
  });
});
