/**
 * The API "rate row" (shared/API.md): `{ n, satisfied, rate, ci95, suppressed, flags }`. The
 * caller adds `group`. Rates are unrounded fractions; ci95 is the Wilson interval.
 *
 * A suppressed row has n, satisfied, rate and ci95 all null and no flags (flags would describe
 * numbers that are not shown). A row with n = 0 that is not suppressed (only possible with k = 0)
 * has rate and ci95 null.
 */
import { rateFlags, type RateFlag } from './flags.js';
import { DEFAULT_MIN_CELL, suppressParts } from './suppression.js';
import { wilson, type Interval } from './wilson.js';

export interface RateRow {
  n: number | null;
  satisfied: number | null;
  rate: number | null;
  ci95: Interval | null;
  suppressed: boolean;
  flags: RateFlag[];
}

export interface RateRowOptions {
  /** Minimum cell size (default 5). */
  k?: number;
  /** Force suppression (e.g. complementary suppression decided by `suppressParts`). */
  suppress?: boolean;
}

export const SUPPRESSED_ROW: Readonly<RateRow> = Object.freeze({
  n: null,
  satisfied: null,
  rate: null,
  ci95: null,
  suppressed: true,
  flags: [],
});

/** A rate row from x satisfied of n valid answers; suppressed when n < k or `suppress`. */
export function rateRow(satisfied: number, n: number, options: RateRowOptions = {}): RateRow {
  const k = options.k ?? DEFAULT_MIN_CELL;
  if (options.suppress === true || n < k) return { ...SUPPRESSED_ROW, flags: [] };
  const ci95 = wilson(satisfied, n);
  return {
    n,
    satisfied,
    rate: n === 0 ? null : satisfied / n,
    ci95,
    suppressed: false,
    flags: rateFlags(n, ci95),
  };
}

/**
 * Rate rows for parts shown beside their total: applies primary and complementary suppression
 * (suppression.ts) to the parts' n, then builds each row. Same order as the input.
 */
export function rateRowsWithTotal(
  parts: readonly { satisfied: number; n: number }[],
  options: { k?: number; totalShown?: boolean } = {},
): RateRow[] {
  const k = options.k ?? DEFAULT_MIN_CELL;
  const { suppressed } = suppressParts(
    parts.map((p) => p.n),
    k,
    options.totalShown ?? true,
  );
  return parts.map((p, i) => rateRow(p.satisfied, p.n, { k, suppress: suppressed[i] ?? false }));
}
