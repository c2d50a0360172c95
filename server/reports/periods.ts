/**
 * Calendar arithmetic for reports: an inclusive day range becomes whole years, months and dekads
 * and edge days, each read from the cuboid of that period, so a report is exact for any range
 * while reading few rows. Days are local calendar days `YYYY-MM-DD`, months `YYYY-MM`; both
 * compare correctly as strings. Pure.
 */

import type { Period } from '../../common/reports/dimensions.js';
import { periodOf } from '../../db/rollups/cuboids.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(month: string): [number, number] {
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

export const firstDayOf = (month: string): string => `${month}-01`;

export const lastDayOf = (month: string): string => {
  const [y, m] = parts(month);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** A stretch of one cuboid's periods, bounds inclusive (periods of that level); null = unbounded. */
export interface Span {
  period: Period;
  from: string | null;
  to: string | null;
}

const addDays = (day: string, n: number): string =>
  new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + n))
    .toISOString()
    .slice(0, 10);

/** The first and the last day of a period of `level`. */
function daysOf(level: Period, period: string): { first: string; last: string } {
  switch (level) {
    case 'year':
      return { first: `${period}-01-01`, last: `${period}-12-31` };
    case 'month':
      return { first: firstDayOf(period), last: lastDayOf(period) };
    case 'dekad': {
      const start = Number(period.slice(8, 10));
      return {
        first: period,
        last: start === 21 ? lastDayOf(period.slice(0, 7)) : addDays(period, 9),
      };
    }
    case 'day':
      return { first: period, last: period };
  }
}

/**
 * The day range [from, to] (inclusive, null bounds open) as spans of the given levels, coarsest
 * first: the whole periods of the first level inside the range as one span, and what is left at
 * either edge split the same way by the next levels. The last level must be `day` (or the range
 * must fall on whole periods of the others). Empty when from > to.
 */
export function splitRange(
  from: string | null,
  to: string | null,
  levels: readonly Period[] = ['month', 'day'],
): Span[] {
  if (from !== null && to !== null && from > to) return [];
  const [level, ...finer] = levels;
  if (level === undefined) throw new Error('splitRange: no level left for the range');
  const first = (() => {
    if (from === null) return null;
    const p = periodOf(level, from);
    return daysOf(level, p).first === from ? p : periodOf(level, addDays(daysOf(level, p).last, 1));
  })();
  const last = (() => {
    if (to === null) return null;
    const p = periodOf(level, to);
    return daysOf(level, p).last === to ? p : periodOf(level, addDays(daysOf(level, p).first, -1));
  })();
  if (first !== null && last !== null && first > last) {
    return finer.length ? splitRange(from, to, finer) : [{ period: level, from, to }];
  }
  const spans: Span[] = [{ period: level, from: first, to: last }];
  if (from !== null && first !== null && daysOf(level, first).first > from)
    spans.push(...splitRange(from, addDays(daysOf(level, first).first, -1), finer));
  if (to !== null && last !== null && daysOf(level, last).last < to)
    spans.push(...splitRange(addDays(daysOf(level, last).last, 1), to, finer));
  return spans;
}

/** [from, to] ∩ [start, end] with open (null) bounds; null when empty. */
export function intersect(
  from: string | null,
  to: string | null,
  start: string,
  end: string,
): { from: string; to: string } | null {
  const lo = from !== null && from > start ? from : start;
  const hi = to !== null && to < end ? to : end;
  return lo <= hi ? { from: lo, to: hi } : null;
}
