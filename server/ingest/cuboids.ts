/**
 * The rollup cuboids: which grouping dimensions each keeps. Every accepted response adds to one
 * cell of each cuboid in the same transaction as its insert (DESIGN principle 2); reports read the
 * smallest cuboid that has the dimensions a query needs. Monthly cuboids serve whole months, daily
 * ones the partial months at the edges of a date range (server/reports/periods.ts), so every
 * combination of the report dimensions except `segment` is exact for any day range.
 */

export type Dimension = 'region' | 'district' | 'provider' | 'sector' | 'channel' | 'segment';

export interface Cuboid {
  name: string;
  period: 'month' | 'day';
  dims: readonly Dimension[];
}

export const CUBOIDS: readonly Cuboid[] = [
  { name: 'area-month', period: 'month', dims: ['region', 'sector', 'channel'] },
  { name: 'area-day', period: 'day', dims: ['region', 'sector', 'channel'] },
  {
    name: 'provider-month',
    period: 'month',
    dims: ['region', 'district', 'provider', 'sector', 'channel'],
  },
  // Keeps the channel too, so provider × channel is exact over any day range (the edge days of a
  // range are read from here). Databases written before the channel was added: `ovoz rollups rebuild`.
  {
    name: 'provider-day',
    period: 'day',
    dims: ['region', 'district', 'provider', 'sector', 'channel'],
  },
  // A respondent may belong to several segments; this cuboid counts them once per segment, so
  // its cells must never be summed across segments.
  { name: 'segment-month', period: 'month', dims: ['region', 'sector', 'segment'] },
];
