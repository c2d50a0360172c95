/**
 * Pearson and Spearman correlation computed exactly from an r×c table of counts (driver value ×
 * satisfaction value), as if the table were expanded into one (x, y) pair per respondent.
 *
 * - Pearson uses the row and column scores (default 1..r and 1..c, the ordered answer values).
 * - Spearman is Pearson on mid-ranks: every answer in row i gets the average rank of that row's
 *   block in the sorted sample, `(count of lower rows) + (rowTotal_i + 1) / 2`; likewise columns.
 *   This is exactly Spearman's rho with ties handled by average ranks.
 *
 * Significance: t = r·sqrt((n−2)/(1−r²)) with n−2 degrees of freedom, two-sided p from Student t.
 * Since df/(df + t²) = 1 − r², p = I_{1−r²}((n−2)/2, 1/2) (regularized incomplete beta), which is
 * how it is computed (no division by 1 − r²; p = 0 when |r| = 1).
 *
 * Undefined (r and p null): when fewer than 3 pairs (`too_few_observations`) or when either margin
 * has zero variance, i.e. all answers to one of the two questions are equal (`no_variance`).
 */
import { regularizedIncompleteBeta } from './special.js';

export type CorrelationMethod = 'spearman' | 'pearson';

export type CorrelationResult =
  | { r: number; p: number; n: number; method: CorrelationMethod }
  | {
      r: null;
      p: null;
      n: number;
      method: CorrelationMethod;
      reason: 'no_variance' | 'too_few_observations';
    };

export interface CorrelationOptions {
  /** Scores of the rows (default 1..rows). Used by Pearson; Spearman only needs their order. */
  rowScores?: readonly number[];
  /** Scores of the columns (default 1..cols). */
  colScores?: readonly number[];
  /** False: skip the p-value (NaN), for callers that use only r (the relative weights). */
  pValue?: boolean;
}

function margins(table: readonly (readonly number[])[]): {
  rows: number[];
  cols: number[];
  n: number;
} {
  const width = table[0]?.length ?? 0;
  const rows: number[] = [];
  const cols = new Array<number>(width).fill(0);
  let n = 0;
  for (const row of table) {
    if (row.length !== width) throw new RangeError('correlation: every row needs the same length');
    let rowTotal = 0;
    row.forEach((c, j) => {
      if (!Number.isFinite(c) || c < 0) throw new RangeError('correlation: counts must be ≥ 0');
      rowTotal += c;
      cols[j] = (cols[j] ?? 0) + c;
    });
    rows.push(rowTotal);
    n += rowTotal;
  }
  return { rows, cols, n };
}

function scores(given: readonly number[] | undefined, length: number): number[] {
  if (given === undefined) return Array.from({ length }, (_, i) => i + 1);
  if (given.length !== length) throw new RangeError('correlation: wrong number of scores');
  return [...given];
}

/** Two-sided p-value of a correlation r from n pairs (t test with n − 2 df). */
export function correlationPValue(r: number, n: number): number {
  if (n < 3) throw new RangeError('correlationPValue: need n ≥ 3');
  const oneMinusR2 = (1 - Math.abs(r)) * (1 + Math.abs(r));
  if (oneMinusR2 <= 0) return 0;
  return regularizedIncompleteBeta(Math.min(1, oneMinusR2), (n - 2) / 2, 0.5);
}

/** The correlation between the row variable and the column variable of a table of counts. */
export function correlationFromTable(
  table: readonly (readonly number[])[],
  method: CorrelationMethod = 'spearman',
  options: CorrelationOptions = {},
): CorrelationResult {
  const { rows, cols, n } = margins(table);
  if (n < 3) return { r: null, p: null, n, method, reason: 'too_few_observations' };
  let xs = scores(options.rowScores, rows.length);
  let ys = scores(options.colScores, cols.length);
  // Zero variance is detected exactly: the answers of one margin all have the same score.
  if (distinctUsedScores(xs, rows) < 2 || distinctUsedScores(ys, cols) < 2) {
    return { r: null, p: null, n, method, reason: 'no_variance' };
  }
  if (method === 'spearman') {
    // Ranks follow the order of the scores; with the default scores that is the table order.
    xs = ranksInScoreOrder(xs, rows);
    ys = ranksInScoreOrder(ys, cols);
  }
  let mx = 0;
  let my = 0;
  rows.forEach((t, i) => (mx += t * (xs[i] ?? 0)));
  cols.forEach((t, j) => (my += t * (ys[j] ?? 0)));
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  rows.forEach((t, i) => (sxx += t * ((xs[i] ?? 0) - mx) ** 2));
  cols.forEach((t, j) => (syy += t * ((ys[j] ?? 0) - my) ** 2));
  table.forEach((row, i) => {
    const dx = (xs[i] ?? 0) - mx;
    row.forEach((c, j) => (sxy += c * dx * ((ys[j] ?? 0) - my)));
  });
  if (!(sxx > 0) || !(syy > 0)) return { r: null, p: null, n, method, reason: 'no_variance' };
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  return { r, p: options.pValue === false ? NaN : correlationPValue(r, n), n, method };
}

function distinctUsedScores(scoreList: readonly number[], totals: readonly number[]): number {
  return new Set(scoreList.filter((_, i) => (totals[i] ?? 0) > 0)).size;
}

/** Mid-ranks of categories ordered by their scores (categories with equal scores share ranks). */
function ranksInScoreOrder(scoreList: readonly number[], totals: readonly number[]): number[] {
  const order = scoreList.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s || a.i - b.i);
  const ranks = new Array<number>(scoreList.length).fill(0);
  let below = 0;
  let k = 0;
  while (k < order.length) {
    // Group categories that share one score.
    let end = k;
    let total = 0;
    const first = order[k];
    if (first === undefined) break;
    while (end < order.length && order[end]?.s === first.s) {
      total += totals[order[end]?.i ?? 0] ?? 0;
      end++;
    }
    const rank = below + (total + 1) / 2;
    for (let m = k; m < end; m++) ranks[order[m]?.i ?? 0] = rank;
    below += total;
    k = end;
  }
  return ranks;
}

export function spearmanFromTable(
  table: readonly (readonly number[])[],
  options: CorrelationOptions = {},
): CorrelationResult {
  return correlationFromTable(table, 'spearman', options);
}

export function pearsonFromTable(
  table: readonly (readonly number[])[],
  options: CorrelationOptions = {},
): CorrelationResult {
  return correlationFromTable(table, 'pearson', options);
}
