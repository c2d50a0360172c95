/**
 * Rate rows of a 1–5 item (satisfaction, trust, a driver's performance) for groups shown beside
 * their total: the API rate row plus the mean score beside the rate. Pure.
 */
import {
  rateRow,
  topBoxRate,
  type Counts,
  type RateRow,
  type TopBoxResult,
} from '../domain/index.js';
import { hiddenBeside } from './suppress.js';

export interface ScoreRow extends RateRow {
  /** The mean of the valid 1–5 answers; null when suppressed or no data. */
  mean: number | null;
}

export function scoreRow(r: TopBoxResult, k: number, hidden = false): ScoreRow {
  const row = rateRow(r.satisfied, r.n, { k, suppress: hidden });
  return { ...row, mean: row.suppressed ? null : r.mean };
}

/** Rows for each part and the overall row, with primary and complementary suppression. */
export function scoreRows(
  parts: readonly Counts[],
  total: Counts,
  k: number,
): { rows: ScoreRow[]; overall: ScoreRow } {
  const results = parts.map((c) => topBoxRate(c));
  const all = topBoxRate(total);
  const hidden = hiddenBeside(
    results.map((r) => r.n),
    all.n,
    k,
  );
  return { rows: results.map((r, i) => scoreRow(r, k, hidden[i])), overall: scoreRow(all, k) };
}
