/**
 * The perturbation table of cell-key perturbation (shared/METRICS.md, "Disclosure control"; SDC
 * Handbook ch. 5; the R package `ptable`; ABS TableBuilder; ONS cell-key-perturbation). Pure.
 *
 * A row for each original count i = 0 … k + D (D = the largest noise, `maxNoise`) gives the
 * probabilities of the published count o. Counts above k + D use the last row's noise, shifted.
 *
 * The generator, reproducible from its parameters alone (same parameters, same table):
 * - i = 0 stays 0 (an empty cell stays empty);
 * - for i ≥ 1 the outputs are o ∈ [max(0, i − D), i + D] with no o in 1 … k − 1 (a published
 *   count is 0 or at least k);
 * - p(o) ∝ exp(−(o − i)² / 2σ² + λ(o − i)), a discretised normal of standard deviation σ tilted by
 *   λ, chosen by bisection so the mean noise E[o − i] is 0 (to 1e−12): unbiased for every count;
 * - where the forbidden outputs and 0 do not cut the support (i ≥ k + D) λ = 0 and the noise is
 *   symmetric with variance ≈ σ²; where they do (small counts) the noise is larger: a count of 1
 *   is published as 0 most of the time and as k or more otherwise.
 *
 * Lookup: a cell's key u ∈ [0, 1) (the sum of its records' keys mod 1) picks the first output whose
 * cumulative probability exceeds u. The same records always give the same key, so the same cell
 * always gets the same noise however often it is asked for.
 */

export interface PtableParams {
  /** The table's version: a new version re-protects every block. */
  version: number;
  /** Minimum published non-zero count. */
  k: number;
  /** Standard deviation of the noise for large counts. */
  sd: number;
  /** Largest absolute noise D (at least k − 1, so small counts can be published unbiased). */
  maxNoise: number;
}

export interface PtableRow {
  count: number;
  /** Noise values (o − count), ascending, each with a probability > 0. */
  noise: number[];
  /** Cumulative probabilities of `noise`; the last is 1. */
  cumulative: number[];
  /** E[noise] (0 up to rounding) and E[noise²]. */
  mean: number;
  variance: number;
}

export interface Ptable {
  params: PtableParams;
  rows: PtableRow[];
}

function rowFor(i: number, p: PtableParams): PtableRow {
  if (i === 0) return { count: 0, noise: [0], cumulative: [1], mean: 0, variance: 0 };
  const noise: number[] = [];
  for (let o = Math.max(0, i - p.maxNoise); o <= i + p.maxNoise; o++) {
    if (o >= 1 && o < p.k) continue;
    noise.push(o - i);
  }
  const weights = (lambda: number) =>
    noise.map((j) => Math.exp((-j * j) / (2 * p.sd * p.sd) + lambda * j));
  const meanAt = (lambda: number) => {
    const w = weights(lambda);
    const total = w.reduce((s, x) => s + x, 0);
    return w.reduce((s, x, idx) => s + x * noise[idx]!, 0) / total;
  };
  // The mean noise increases with λ; find its zero.
  let lo = -60;
  let hi = 60;
  for (let step = 0; step < 200 && hi - lo > 1e-15; step++) {
    const mid = (lo + hi) / 2;
    if (meanAt(mid) < 0) lo = mid;
    else hi = mid;
  }
  const lambda = (lo + hi) / 2;
  const w = weights(lambda);
  const total = w.reduce((s, x) => s + x, 0);
  const probs = w.map((x) => x / total);
  const cumulative: number[] = [];
  let acc = 0;
  for (const q of probs) cumulative.push((acc += q));
  cumulative[cumulative.length - 1] = 1;
  const mean = probs.reduce((s, q, idx) => s + q * noise[idx]!, 0);
  const variance = probs.reduce((s, q, idx) => s + q * noise[idx]! * noise[idx]!, 0);
  return { count: i, noise, cumulative, mean, variance };
}

/** Generates the table for `params` (throws when the parameters cannot give an unbiased table). */
export function createPtable(params: PtableParams): Ptable {
  if (!Number.isInteger(params.k) || params.k < 1) throw new RangeError('ptable: k must be ≥ 1');
  if (!Number.isInteger(params.maxNoise) || params.maxNoise < Math.max(1, params.k - 1)) {
    throw new RangeError(`ptable: maxNoise must be a whole number ≥ k − 1 (${params.k - 1})`);
  }
  if (!(params.sd > 0)) throw new RangeError('ptable: sd must be > 0');
  const rows: PtableRow[] = [];
  for (let i = 0; i <= params.k + params.maxNoise; i++) rows.push(rowFor(i, params));
  return { params, rows };
}

/** The row that perturbs `count` (counts beyond the table use its last row). */
export function ptableRow(table: Ptable, count: number): PtableRow {
  return table.rows[Math.min(count, table.rows.length - 1)]!;
}

/** The published count of a cell with exact `count` and cell key `key` ∈ [0, 1). */
export function perturb(table: Ptable, count: number, key: number): number {
  if (count <= 0) return 0;
  const row = ptableRow(table, count);
  let idx = row.cumulative.findIndex((c) => key < c);
  if (idx < 0) idx = row.cumulative.length - 1;
  return count + row.noise[idx]!;
}

/** The largest noise variance of any count (the small counts'): a bound for intervals. */
export function maxNoiseVariance(table: Ptable): number {
  return Math.max(...table.rows.map((r) => r.variance));
}

/** The noise variance of large counts (the symmetric rows). */
export function largeCountVariance(table: Ptable): number {
  return table.rows[table.rows.length - 1]!.variance;
}

/** The cell key of a count: the sum of its records' keys, mod 1. */
export function cellKey(recordKeys: Iterable<number>): number {
  let s = 0;
  for (const key of recordKeys) s = (s + key) % 1;
  return s;
}

/**
 * The noise variance to assume for a count published as `published`: the mean of the table's
 * variances of the counts that could have been published so, weighted by how likely each gives
 * it (a uniform prior over the table's rows; counts beyond the table use its last row). The
 * table's variance of the published count itself would understate small counts badly: a count of
 * 1–4, whose noise is the largest, is mostly published as 0, whose own variance is 0. This errs
 * the other way for cells that are truly empty (a published 0 gets the variance of the small
 * counts it may hide), so intervals built on it are conservative.
 */
export function publishedVariance(table: Ptable, published: number): number {
  const last = table.rows.length - 1;
  const cached = posteriorCache.get(table);
  if (cached) return published < cached.length ? cached[published]! : largeCountVariance(table);
  const limit = last + table.params.maxNoise;
  const values: number[] = [];
  for (let o = 0; o <= limit; o++) {
    let weight = 0;
    let sum = 0;
    // Every original count whose row reaches o: 0 … o + maxNoise.
    for (let i = 0; i <= o + table.params.maxNoise; i++) {
      const row = ptableRow(table, i);
      const at = row.noise.indexOf(o - i);
      if (at < 0) continue;
      const p = row.cumulative[at]! - (at > 0 ? row.cumulative[at - 1]! : 0);
      weight += p;
      sum += p * row.variance;
    }
    values.push(weight > 0 ? sum / weight : largeCountVariance(table));
  }
  posteriorCache.set(table, values);
  return published < values.length ? values[published]! : largeCountVariance(table);
}

const posteriorCache = new WeakMap<Ptable, number[]>();

/** publishedVariance of one table as a function, for the many counts of a report. */
export function publishedVarianceOf(table: Ptable): (published: number) => number {
  publishedVariance(table, 0);
  const values = posteriorCache.get(table)!;
  const large = largeCountVariance(table);
  return (published) => (published < values.length ? values[published]! : large);
}
