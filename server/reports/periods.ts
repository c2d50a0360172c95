/**
 * Calendar arithmetic for reports: an inclusive day range becomes whole months (read from a
 * monthly cuboid) and edge days (read from a daily cuboid), so a report is exact for any range
 * while reading few rows. Days are local calendar days `YYYY-MM-DD`, months `YYYY-MM`; both
 * compare correctly as strings. Pure.
 */

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

function monthOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const nextMonth = (month: string): string => {
  const [y, m] = parts(month);
  return monthOf(y, m + 1);
};

export const previousMonth = (month: string): string => {
  const [y, m] = parts(month);
  return monthOf(y, m - 1);
};

export const firstDayOf = (month: string): string => `${month}-01`;

export const lastDayOf = (month: string): string => {
  const [y, m] = parts(month);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** A stretch of one cuboid's periods, bounds inclusive; null = unbounded. */
export interface Span {
  period: 'month' | 'day';
  from: string | null;
  to: string | null;
}

/**
 * The whole months inside [from, to] as one monthly span, and the days before the first and
 * after the last whole month as daily spans. Null bounds are open. Empty when from > to.
 */
export function splitRange(from: string | null, to: string | null): Span[] {
  if (from !== null && to !== null && from > to) return [];
  const fromMonth = from?.slice(0, 7) ?? null;
  const toMonth = to?.slice(0, 7) ?? null;
  const firstWhole =
    from === null || fromMonth === null
      ? null
      : from === firstDayOf(fromMonth)
        ? fromMonth
        : nextMonth(fromMonth);
  const lastWhole =
    to === null || toMonth === null
      ? null
      : to === lastDayOf(toMonth)
        ? toMonth
        : previousMonth(toMonth);
  if (firstWhole !== null && lastWhole !== null && firstWhole > lastWhole) {
    return [{ period: 'day', from, to }];
  }
  const spans: Span[] = [{ period: 'month', from: firstWhole, to: lastWhole }];
  if (from !== null && fromMonth !== null && firstWhole !== fromMonth) {
    spans.push({ period: 'day', from, to: lastDayOf(fromMonth) });
  }
  if (to !== null && toMonth !== null && lastWhole !== toMonth) {
    spans.push({ period: 'day', from: firstDayOf(toMonth), to });
  }
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
