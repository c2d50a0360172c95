/**
 * The rollup cuboids: which grouping dimensions and which calendar period each keeps. Every
 * accepted response adds to one cell of each cuboid in the same transaction as its insert (DESIGN
 * principle 2); reports read the smallest cuboid that has the dimensions a query needs. A date
 * range is read coarsest first (server/reports/periods.ts): whole years, then whole months, whole
 * dekads (days 1–10, 11–20, 21–end, the statistical offices' ten-day periods) and single days at
 * the edges, so every combination of the report dimensions except `segment` is exact for any day
 * range while a national report reads a few cells per period.
 */

import type { Dimension, Period } from '../../common/reports/dimensions.js';

export interface Cuboid {
  name: string;
  period: Period;
  dims: readonly Dimension[];
  /**
   * Whether its cells keep the driver × driver tables (`rollup_joint`, the relative weights of
   * the drivers). Only the cuboids the driver-importance report can read do: it never groups by
   * segment.
   */
  joint: boolean;
}

export const CUBOIDS: readonly Cuboid[] = [
  // National and regional reads: no channel, so they never add up channel-level cells. The
  // channel (a filter or a grouping) is served by the provider cuboids below, which keep it.
  // Databases written with the channel here stay exact (the reader sums every channel value when
  // none is asked); `ovoz rollups rebuild` makes them as small as new ones.
  { name: 'area-year', period: 'year', dims: ['region', 'sector'], joint: true },
  { name: 'area-month', period: 'month', dims: ['region', 'sector'], joint: true },
  { name: 'area-dekad', period: 'dekad', dims: ['region', 'sector'], joint: true },
  { name: 'area-day', period: 'day', dims: ['region', 'sector'], joint: true },
  {
    name: 'provider-month',
    period: 'month',
    dims: ['region', 'district', 'provider', 'sector', 'channel'],
    joint: true,
  },
  // Keeps the channel too, so provider × channel — and any channel filter or grouping — is exact
  // over any day range (the edge days of a range are read from here). Databases written before the channel was added: `ovoz rollups rebuild`.
  {
    name: 'provider-day',
    period: 'day',
    dims: ['region', 'district', 'provider', 'sector', 'channel'],
    joint: true,
  },
  // A respondent may belong to several segments; this cuboid counts them once per segment, so
  // its cells must never be summed across segments.
  {
    name: 'segment-month',
    period: 'month',
    dims: ['region', 'sector', 'segment'],
    joint: false,
  },
];

/**
 * The period of `level` that holds the local day `day` (YYYY-MM-DD), as stored in a cell: the
 * year `YYYY`, the month `YYYY-MM`, a dekad by its first day (`YYYY-MM-01`, `-11` or `-21`), or
 * the day itself. Each compares correctly as a string with others of its level. Pure.
 */
export function periodOf(level: Period, day: string): string {
  switch (level) {
    case 'year':
      return day.slice(0, 4);
    case 'month':
      return day.slice(0, 7);
    case 'dekad': {
      const d = Number(day.slice(8, 10));
      return `${day.slice(0, 8)}${d <= 10 ? '01' : d <= 20 ? '11' : '21'}`;
    }
    case 'day':
      return day;
  }
}
