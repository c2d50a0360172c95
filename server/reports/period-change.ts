/**
 * The change of each headline indicator against the previous comparable period (the dashboard's
 * tiles). With a date range chosen, the previous period is the same number of days just before
 * it; without one, the last complete month is compared with the month before. A rate's change is
 * the difference of two independent proportions with its Newcombe interval (the domain's
 * compareFamily, with the perturbation's variance of protected figures); a median or an index,
 * which has an interval but no counts, gets the normal approximation from the two intervals'
 * half-widths; a ratio of volumes (response rate, coverage) has no interval and says so. Pure.
 */
import { benjaminiHochberg, compareFamily, normalCdf } from '../domain/index.js';
import { firstDayOf, lastDayOf } from './periods.js';

export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthBefore = (month: string) => toDay(toMs(firstDayOf(month)) - DAY_MS).slice(0, 7);

/** The period the tiles compare and the one before it. */
export function comparablePeriods(
  from: string | null,
  to: string | null,
  today: string,
): { current: DayRange; previous: DayRange } {
  if (from !== null && to !== null) {
    const days = (toMs(to) - toMs(from)) / DAY_MS + 1;
    const end = toMs(from) - DAY_MS;
    return {
      current: { from, to },
      previous: { from: toDay(end - (days - 1) * DAY_MS), to: toDay(end) },
    };
  }
  // The last month that has ended by the end of the selection (yesterday when it is open).
  const end = to ?? toDay(toMs(today) - DAY_MS);
  const month = lastDayOf(end.slice(0, 7)) === end ? end.slice(0, 7) : monthBefore(end.slice(0, 7));
  const before = monthBefore(month);
  return {
    current: { from: firstDayOf(month), to: lastDayOf(month) },
    previous: { from: firstDayOf(before), to: lastDayOf(before) },
  };
}

/** A rate of one period: its counts and the variance it carries besides sampling. */
export interface RateSide {
  rate: number | null;
  n: number | null;
  /** Perturbation variance of the rate (protected figures); 0 or absent when exact. */
  added?: number;
}

export interface Change {
  diff: number;
  /** 95% interval of the difference; null when the indicator has none (a ratio of volumes). */
  ci95: readonly [number, number] | null;
  /** The interval excludes 0. */
  significant: boolean;
  /** Two-sided p-value of the change (none without an interval). */
  p?: number;
  /** BH-adjusted over the tiles shown together (`tileFamily`). */
  pAdjusted?: number;
  /** How the interval is made. */
  method: 'newcombe' | 'normal from the two intervals' | 'none';
}

/** current − previous of two rates, with its Newcombe interval; null when either is missing. */
export function rateChange(current: RateSide, previous: RateSide): Change | null {
  if (current.rate === null || previous.rate === null || !current.n || !previous.n) return null;
  const family = compareFamily('one tile against its previous period', [
    {
      x1: current.rate * current.n,
      n1: current.n,
      x2: previous.rate * previous.n,
      n2: previous.n,
      added1: current.added,
      added2: previous.added,
    },
  ]);
  const r = family.results[0];
  if (!r) return null;
  const significant = r.ci95[0] > 0 || r.ci95[1] < 0;
  return { diff: r.diff, ci95: r.ci95, significant, p: r.p, method: 'newcombe' };
}

/** A value with an interval (median, index) of one period. */
export interface ValueSide {
  value: number | null;
  ci95: readonly [number, number] | null;
}

/** current − previous, its interval from the two half-widths (independent periods). */
export function valueChange(current: ValueSide, previous: ValueSide): Change | null {
  if (current.value === null || previous.value === null) return null;
  const diff = current.value - previous.value;
  if (!current.ci95 || !previous.ci95)
    return { diff, ci95: null, significant: false, method: 'none' };
  const half = (v: number, ci: readonly [number, number]) => Math.max(v - ci[0], ci[1] - v);
  const h = Math.hypot(half(current.value, current.ci95), half(previous.value, previous.ci95));
  const ci95 = [diff - h, diff + h] as const;
  const z = h > 0 ? Math.abs(diff) / (h / 1.959964) : 0;
  return {
    diff,
    ci95,
    significant: ci95[0] > 0 || ci95[1] < 0,
    p: h > 0 ? 2 * (1 - normalCdf(z)) : 1,
    method: 'normal from the two intervals',
  };
}

/** A ratio of volumes: the difference alone. */
export function ratioChange(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  return { diff: current - previous, ci95: null, significant: false, method: 'none' };
}

/**
 * Changes tested together are one family (shared/METRICS.md, "Uncertainty and tests"): a change
 * is significant when its interval excludes 0 after Benjamini–Hochberg control over the changes
 * that have a p-value (the others come back as they are). Pure; one result per change.
 */
export function changeFamily(changes: readonly (Change | null)[]): (Change | null)[] {
  const tested = changes.flatMap((c, i) => (c?.p !== undefined ? [i] : []));
  const bh = benjaminiHochberg(tested.map((i) => changes[i]!.p!));
  const out = [...changes];
  tested.forEach((i, j) => {
    const c = changes[i]!;
    const excludesZero = c.ci95 !== null && (c.ci95[0] > 0 || c.ci95[1] < 0);
    out[i] = {
      ...c,
      pAdjusted: bh.adjusted[j] ?? 1,
      significant: (bh.rejected[j] ?? false) && excludesZero,
    };
  });
  return out;
}

/** The tiles shown together are one family (changeFamily). Pure; the same keys come back. */
export function tileFamily<K extends string>(
  tiles: Record<K, Change | null>,
): Record<K, Change | null> {
  const keys = Object.keys(tiles) as K[];
  const judged = changeFamily(keys.map((k) => tiles[k]));
  return Object.fromEntries(keys.map((k, i) => [k, judged[i] ?? null])) as Record<K, Change | null>;
}
