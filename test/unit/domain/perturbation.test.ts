/**
 * Intervals of protected figures include the perturbation's variance (shared/METRICS.md,
 * Disclosure control, item 4). Each interval is checked by simulation with a fixed seed: samples
 * drawn from a known population are summed into small blocks, every count of every block is
 * perturbed with the real perturbation table (cell keys drawn at random), and the noise variance
 * handed to the domain is what the server hands it — the variance assumed for each published
 * count (ptable.ts publishedVariance), added over the blocks. The widened 95% intervals must cover the population value in at
 * least 94% of the draws; the intervals without the noise cover it less often.
 */
import { describe, expect, it } from 'vitest';
import { deliveryTime, quantileIntervalRanks } from '../../../server/domain/delivery.js';
import { analyseDrivers } from '../../../server/domain/drivers.js';
import { mantelHaenszelRiskDifference } from '../../../server/domain/mantel-haenszel.js';
import { nps } from '../../../server/domain/nps.js';
import {
  correlationNoise,
  npsNoise,
  rateNoise,
  wilsonWithNoise,
} from '../../../server/domain/perturbation.js';
import { createPtable, perturb, publishedVariance } from '../../../server/domain/ptable.js';
import { relativeWeightsDelta } from '../../../server/domain/relative-weights.js';
import { wilson } from '../../../server/domain/wilson.js';
import { affordability } from '../../../server/domain/affordability.js';
import { correlationFromTable } from '../../../server/domain/correlation.js';
import { prng } from '../../helpers/prng.js';

const TABLE = createPtable({ version: 1, k: 5, sd: 1.5, maxNoise: 5 });
const DRAWS = 1000;

/** A categorical draw from cumulative probabilities. */
const categorical = (rand: () => number, cumulative: readonly number[]) => {
  const u = rand();
  const i = cumulative.findIndex((c) => u < c);
  return i < 0 ? cumulative.length - 1 : i;
};
const cumulate = (probs: readonly number[]) => {
  let acc = 0;
  return probs.map((p) => (acc += p));
};

/**
 * `blocks` blocks of `perBlock` answers drawn from `probs` (value i with probability probs[i]),
 * each value's count in each block perturbed once: the published counts summed, and the noise
 * variance of each sum as the server computes it (the table's variance of each published count).
 */
function protectedSample(
  rand: () => number,
  probs: readonly number[],
  blocks: number,
  perBlock: number,
) {
  const cumulative = cumulate(probs);
  const exact = probs.map(() => 0);
  const published = probs.map(() => 0);
  const variance = probs.map(() => 0);
  for (let b = 0; b < blocks; b++) {
    const block = probs.map(() => 0);
    for (let i = 0; i < perBlock; i++) block[categorical(rand, cumulative)]! += 1;
    block.forEach((c, v) => {
      const o = perturb(TABLE, c, rand());
      exact[v]! += c;
      published[v]! += o;
      variance[v]! += publishedVariance(TABLE, o);
    });
  }
  return { exact, published, variance };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const covers = (ci: readonly [number, number] | null, value: number) =>
  ci !== null && ci[0] <= value && value <= ci[1];

describe('a rate with the perturbation: Wilson on the effective sample size', () => {
  it('reaches nominal coverage over draws of the noise; without it, it does not', () => {
    const rand = prng(20261207);
    const p = 0.75;
    let widened = 0;
    let plain = 0;
    for (let d = 0; d < DRAWS; d++) {
      // 12 blocks of 25 answers (a provider-month of the demo data): [rest, top] per block,
      // perturbed as two counts.
      const s = protectedSample(rand, [1 - p, p], 12, 25);
      const [rest, top] = s.published as [number, number];
      const n = rest + top;
      const added = rateNoise(top, n, s.variance[1]!, s.variance[0]!);
      if (covers(wilsonWithNoise(top, n, added), p)) widened++;
      if (covers(wilson(top, n), p)) plain++;
    }
    expect(widened / DRAWS).toBeGreaterThanOrEqual(0.94);
    expect(plain).toBeLessThan(widened);
  });

  it('is the Wilson interval when nothing is added, and wider the more is added', () => {
    expect(wilsonWithNoise(30, 100, 0)).toEqual(wilson(30, 100));
    const a = wilsonWithNoise(30, 100, 0.001)!;
    const b = wilsonWithNoise(30, 100, 0.004)!;
    expect(a[1] - a[0]).toBeGreaterThan(wilson(30, 100)![1] - wilson(30, 100)![0]);
    expect(b[1] - b[0]).toBeGreaterThan(a[1] - a[0]);
    // The delta method by hand: p = 0.3, n = 100, v = 10 on each count.
    expect(rateNoise(30, 100, 10, 10)).toBeCloseTo((0.49 * 10 + 0.09 * 10) / 10_000, 15);
  });

  it('affordability and the informal-payment rate include it when given', () => {
    const paid = { none: 60, formal: 20, informal: 15, both: 5 };
    const cross = { 'formal/yes': 15, 'formal/no': 5, 'informal/yes': 10, 'both/no': 5 };
    const bare = affordability(paid, cross, 110);
    const noise = {
      paid: { none: 30, formal: 20, informal: 20, both: 10 },
      cross: { 'formal/yes': 20 },
    };
    const r = affordability(paid, cross, 110, noise);
    expect(r.index).toBe(bare.index);
    expect(r.includesPerturbation).toBe(true);
    expect(r.ci95![1] - r.ci95![0]).toBeGreaterThan(bare.ci95![1] - bare.ci95![0]);
    const inf = r.informalRate.ci95!;
    expect(inf[1] - inf[0]).toBeGreaterThan(
      bare.informalRate.ci95![1] - bare.informalRate.ci95![0],
    );
    // The index's counts: none + formal/yes against formal/no + every informal payer.
    const x = 75;
    const n = 100;
    expect(r.ci95).toEqual(wilsonWithNoise(x, n, rateNoise(x, n, 30 + 20, 20 + 10)));
  });
});

describe('NPS with the perturbation (Rocks 2016 adjusted Wald plus the noise variance)', () => {
  it('reaches nominal coverage over draws of the noise', () => {
    const rand = prng(7);
    // 0–10: detractors 0–6 (0.25), passives 7–8 (0.30), promoters 9–10 (0.45).
    const probs = [0.02, 0.02, 0.03, 0.03, 0.04, 0.05, 0.06, 0.12, 0.18, 0.2, 0.25];
    const truth = 0.45 - 0.25;
    let widened = 0;
    let plain = 0;
    for (let d = 0; d < DRAWS; d++) {
      const s = protectedSample(rand, probs, 20, 25);
      const counts = Object.fromEntries(s.published.map((c, v) => [String(v), c]));
      const noise = Object.fromEntries(s.variance.map((c, v) => [String(v), c]));
      if (covers(nps(counts, noise).ci95, truth)) widened++;
      if (covers(nps(counts).ci95, truth)) plain++;
    }
    expect(widened / DRAWS).toBeGreaterThanOrEqual(0.94);
    expect(plain).toBeLessThan(widened);
  });

  it('adds the delta-method variance by hand', () => {
    // P = 50, M = 30, D = 20, n = 100, NPS = 0.3: ((0.7)²·4 + (0.3)²·2 + (1.3)²·6) / 100².
    expect(npsNoise(50, 30, 20, { promoters: 4, passives: 2, detractors: 6 })).toBeCloseTo(
      (0.49 * 4 + 0.09 * 2 + 1.69 * 6) / 10_000,
      15,
    );
    const r = nps({ 10: 50, 8: 30, 3: 20 }, { 10: 4, 8: 2, 3: 6 });
    expect(r.includesPerturbation).toBe(true);
    const m = 103;
    const p = 50.75 / m;
    const d = 20.75 / m;
    const half =
      1.959964 * Math.sqrt((p + d - (p - d) ** 2) / m + (0.49 * 4 + 0.09 * 2 + 1.69 * 6) / 1e4);
    expect(r.ci95![0]).toBeCloseTo(p - d - half, 12);
    expect(r.ci95![1]).toBeCloseTo(p - d + half, 12);
  });
});

describe('delivery-time quantiles with the perturbation (order-statistic ranks widened)', () => {
  it('the median and the 90th percentile reach nominal coverage over draws of the noise', () => {
    const rand = prng(99);
    // Days 1–30, more weight on the first two weeks; the population median and 90th percentile
    // fall strictly inside a day (F jumps over 0.5 and 0.9 there).
    const weights = Array.from(
      { length: 30 },
      (_, i) => (i < 14 ? 3 : 1) + (i % 7 === 0 ? 1.3 : 0),
    );
    const total = sum(weights);
    const probs = weights.map((w) => w / total);
    const cdf = cumulate(probs);
    const quantile = (q: number) => cdf.findIndex((c) => c >= q) + 1;
    expect(cdf.some((c) => Math.abs(c - 0.5) < 1e-9 || Math.abs(c - 0.9) < 1e-9)).toBe(false);
    const [median, p90] = [quantile(0.5), quantile(0.9)];
    let medianIn = 0;
    let p90In = 0;
    let plainIn = 0;
    let nulls = 0;
    let p90Shown = 0;
    for (let d = 0; d < DRAWS; d++) {
      const s = protectedSample(rand, probs, 15, 20);
      const counts = Object.fromEntries(s.published.map((c, i) => [String(i + 1), c]));
      const noise = Object.fromEntries(s.variance.map((c, i) => [String(i + 1), c]));
      const r = deliveryTime(counts, noise);
      if (r.medianCi95 === null) nulls++;
      if (covers(r.medianCi95, median)) medianIn++;
      // The 90th percentile of 300 noisy answers often has no interval (its upper rank passes
      // the largest answer: `too_few_answers`); those it has must cover.
      if (r.p90Ci95 !== null) p90Shown++;
      if (covers(r.p90Ci95, p90)) p90In++;
      if (covers(deliveryTime(counts).p90Ci95, p90)) plainIn++;
    }
    expect(nulls).toBe(0);
    expect(medianIn / DRAWS).toBeGreaterThanOrEqual(0.94);
    expect(p90Shown).toBeGreaterThan(DRAWS / 4);
    // Conditional on an interval being shown (about 4 draws in 10 here), 93.6% cover: the
    // selection of draws whose upper rank stays inside n costs a little coverage.
    expect(p90In / p90Shown).toBeGreaterThanOrEqual(0.93);
    expect(plainIn / DRAWS).toBeLessThan(p90In / p90Shown);
  });

  it('widens each rank by z·(sqrt(nq(1−q) + added) − sqrt(nq(1−q))), rounded up', () => {
    const counts = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i + 1), 10]));
    const bare = deliveryTime(counts);
    // Every bin variance 5: below the median (day 10 of 20) 10 bins, above 10 bins.
    const noise = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i + 1), 5]));
    const r = deliveryTime(counts, noise);
    expect(r.includesPerturbation).toBe(true);
    expect(r.median).toBe(bare.median);
    // n = 200, q = 0.5: sampling 50; added = 0.25·50 + 0.25·50 = 25; extra = ceil(1.96·(√75 − √50)).
    const extra = Math.ceil(1.959964 * (Math.sqrt(75) - Math.sqrt(50)));
    expect(extra).toBe(4);
    const ranks = quantileIntervalRanks(200, 0.5)!;
    const widened = quantileIntervalRanks(200, 0.5, 1.959964, 25)!;
    expect([widened.low, widened.high]).toEqual([ranks.low - 4, ranks.high + 4]);
    // Ten answers a day: the bare ranks 86 and 115 are days 9 and 12; 82 and 119 too.
    expect([ranks.low, ranks.high]).toEqual([86, 115]);
    expect(r.medianCi95).toEqual([9, 12]);
  });
});

describe('Mantel–Haenszel risk difference with the perturbation', () => {
  it('reaches nominal coverage over draws of the noise', () => {
    const rand = prng(2026);
    // Five regions, the same true difference 0.08 in each, different base rates and mixes.
    const strata = [
      { p0: 0.6, n1: 60, n0: 40 },
      { p0: 0.7, n1: 40, n0: 100 },
      { p0: 0.5, n1: 80, n0: 60 },
      { p0: 0.75, n1: 40, n0: 40 },
      { p0: 0.65, n1: 60, n0: 80 },
    ];
    const rd = 0.08;
    let widened = 0;
    let plain = 0;
    for (let d = 0; d < DRAWS; d++) {
      const noisy = strata.map((s) => {
        // Each side in blocks of 20 answers, [rest, top] perturbed per block.
        const side = (p: number, n: number) => {
          const r = protectedSample(rand, [1 - p, p], n / 20, 20);
          const x = r.published[1]!;
          const m = r.published[0]! + x;
          return { x, n: m, added: rateNoise(x, m, r.variance[1]!, r.variance[0]!) };
        };
        const a = side(s.p0 + rd, s.n1);
        const b = side(s.p0, s.n0);
        return { x1: a.x, n1: a.n, x0: b.x, n0: b.n, added1: a.added, added0: b.added };
      });
      if (covers(mantelHaenszelRiskDifference(noisy)!.ci95, rd)) widened++;
      const bare = noisy.map(({ x1, n1, x0, n0 }) => ({ x1, n1, x0, n0 }));
      if (covers(mantelHaenszelRiskDifference(bare)!.ci95, rd)) plain++;
    }
    expect(widened / DRAWS).toBeGreaterThanOrEqual(0.94);
    expect(plain).toBeLessThan(widened);
  });
});

describe('driver importance and performance with the perturbation', () => {
  /** A 5×5 table of a latent correlation, n answers. */
  const tableOf = (rand: () => number, n: number, rho: number) => {
    const t = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
    const cut = (z: number) => (z < -1 ? 0 : z < -0.3 ? 1 : z < 0.3 ? 2 : z < 1 ? 3 : 4);
    for (let i = 0; i < n; i++) {
      const u = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      const v = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      t[cut(u)]![cut(rho * u + Math.sqrt(1 - rho * rho) * v)]! += 1;
    }
    return t;
  };

  it("a correlation's noise variance (delta method) matches the simulated one", () => {
    const rand = prng(5);
    const table = tableOf(rand, 600, 0.5);
    const variances = table.map((row) => row.map(() => 4));
    const predicted = correlationNoise(table, variances);
    const r0 = correlationFromTable(table, 'spearman').r!;
    let s2 = 0;
    for (let d = 0; d < 2000; d++) {
      const noisy = table.map((row) =>
        row.map((c) => {
          const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
          return Math.max(0, c + 2 * g);
        }),
      );
      s2 += (correlationFromTable(noisy, 'spearman').r! - r0) ** 2;
    }
    const simulated = s2 / 2000;
    expect(predicted).toBeGreaterThan(0);
    expect(predicted / simulated).toBeGreaterThan(0.8);
    expect(predicted / simulated).toBeLessThan(1.25);
  });

  it('widens the importance intervals by the added correlation variances', () => {
    const full = [
      [1, 0.4, 0.5],
      [0.4, 1, 0.3],
      [0.5, 0.3, 1],
    ];
    const bare = relativeWeightsDelta(full, 400);
    const added = full.map((row) => row.map(() => 0.002));
    const noisy = relativeWeightsDelta(full, 400, added);
    expect(noisy.weights).toEqual(bare.weights);
    bare.ci95.forEach(([lo, hi], j) => {
      const [a, b] = noisy.ci95[j]!;
      expect(b - a).toBeGreaterThan(hi - lo);
    });
  });

  it('places quadrants by the widened intervals and says so', () => {
    const rand = prng(11);
    const names = ['timeliness', 'courtesy', 'information'];
    const tables = [0.6, 0.3, 0.4].map((rho) => tableOf(rand, 400, rho));
    const inputs = names.map((name, i) => {
      const t = tables[i]!;
      const counts = Object.fromEntries(t.map((row, v) => [String(v + 1), sum(row)]));
      return { name, table: t, counts };
    });
    const joint = (a: string, b: string) =>
      tableOf(prng(names.indexOf(a) * 10 + names.indexOf(b)), 400, 0.3);
    const bare = analyseDrivers(inputs, { joint });
    const noisy = analyseDrivers(
      inputs.map((d) => ({
        ...d,
        noise: {
          counts: Object.fromEntries(Object.keys(d.counts).map((v) => [v, 60])),
          table: d.table.map((row) => row.map(() => 6)),
        },
      })),
      { joint, jointNoise: () => Array.from({ length: 5 }, () => new Array<number>(5).fill(6)) },
    );
    if (bare.status !== 'ok' || noisy.status !== 'ok') throw new Error('expected an analysis');
    expect(noisy.includesPerturbation).toBe(true);
    expect(bare.includesPerturbation).toBeUndefined();
    noisy.drivers.forEach((d, i) => {
      const b = bare.drivers[i]!;
      expect(d.importance).toBe(b.importance);
      expect(d.performance.rate).toBe(b.performance.rate);
      const width = (ci: readonly number[] | null) => (ci ? ci[1]! - ci[0]! : 0);
      expect(width(d.performance.ci95)).toBeGreaterThan(width(b.performance.ci95));
      expect(width(d.importanceCi95)).toBeGreaterThan(width(b.importanceCi95));
    });
  });
});

describe('the noise variance assumed for a published count', () => {
  it('averages the variances of the counts that could give it, by how likely each does', () => {
    // Published 0 comes from 0 (always) or from 1–5 with their table probabilities (k = 5, D = 5).
    let weight = 0;
    let sum = 0;
    for (let i = 0; i <= 5; i++) {
      const row = TABLE.rows[i]!;
      const at = row.noise.indexOf(-i);
      const p = row.cumulative[at]! - (at > 0 ? row.cumulative[at - 1]! : 0);
      weight += p;
      sum += p * row.variance;
    }
    expect(publishedVariance(TABLE, 0)).toBeCloseTo(sum / weight, 12);
    // Far above the table: the large counts' variance (about sd² = 2.25).
    expect(publishedVariance(TABLE, 500)).toBeCloseTo(
      TABLE.rows[TABLE.rows.length - 1]!.variance,
      12,
    );
    // A published 0 may hide a small count: never assumed noiseless.
    expect(publishedVariance(TABLE, 0)).toBeGreaterThan(3);
  });
});
