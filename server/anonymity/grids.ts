/**
 * The block grids of disclosure control (shared/METRICS.md, "Disclosure control"), months, and
 * the perturbed counts a block holds. Pure.
 *
 * - `dp`: calendar month × district × provider (region and sector follow them): every view by
 *   region, district, provider or sector sums it.
 * - `rc`: calendar month × region × channel: the channel views.
 * A query's filters and groupings must fit one grid; provider × channel, say, fits neither and is
 * refused for protected figures.
 */
import type { FilterDim } from '../../common/reports/dimensions.js';
import { AppError } from '../errors.js';

export type Grid = 'dp' | 'rc';
/** A block keeps the dimensions a response has one value of. */
export type BlockDim = FilterDim;

export const GRID_DIMS: Record<Grid, readonly BlockDim[]> = {
  dp: ['region', 'district', 'provider', 'sector'],
  rc: ['region', 'channel'],
};

/** The grid that keeps every dimension in `needed`, or a 400 CrossesGrids naming them. */
export function gridFor(needed: readonly BlockDim[]): Grid {
  for (const grid of ['dp', 'rc'] as const) {
    if (needed.every((d) => GRID_DIMS[grid].includes(d))) return grid;
  }
  throw new AppError(
    'CrossesGrids',
    `protected figures are sums of blocks of month × district × provider or of month × region × ` +
      `channel; ${needed.join(' with ')} fits neither, so it could reveal small groups. ` +
      `Choose dimensions of one of them (a sociologist or an admin may ask for exact figures with exact=1).`,
    needed.map((name) => ({ name, message: 'crosses the block grids' })),
  );
}

/**
 * A block's perturbed counts: responses `n`, responses with a comment `c`, per variable and value
 * the answer counts `a`, per driver its table `p` in db/rollups/layout.ts DRIVER_COLUMNS order
 * (driver value major, satisfaction 0–5), and per 1–5 item of a top-2 rate (satisfaction, trust,
 * each driver) `r`: [answers 4 or 5, answers 1–3], each perturbed as one count with its own keys.
 * Rates are read from `r`: two perturbed counts per block instead of five small ones, and never
 * more satisfied answers than valid ones.
 */
export interface BlockCounts {
  n: number;
  c: number;
  a: Record<string, Record<string, number>>;
  p: Record<string, number[]>;
  r?: Record<string, [top: number, rest: number]>;
}

/** The roles whose 1–5 answers make a top-2 rate (drivers are rated from their pairs). */
export const RATED_ROLES: readonly string[] = ['satisfaction', 'trust'];

/** YYYY-MM of a day or month. */
export const monthOf = (day: string) => day.slice(0, 7);

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The last day (YYYY-MM-DD) of a month. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** Months from `first` to `last` inclusive (none when first > last). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * The last month closed at `nowMs`: a month closes `lagDays` after its last day, in local time
 * (`utcOffsetMinutes`).
 */
export function lastClosedMonth(nowMs: number, utcOffsetMinutes: number, lagDays: number): string {
  const local = new Date(nowMs + utcOffsetMinutes * 60_000 - lagDays * 86_400_000);
  return previousMonth(local.toISOString().slice(0, 7));
}
