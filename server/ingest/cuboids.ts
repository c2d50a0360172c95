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
  // National and regional reads: no channel, so they never add up channel-level cells. The
  // channel (a filter or a grouping) is served by the provider cuboids below, which keep it.
  // Databases written with the channel here stay exact (the reader sums every channel value when
  // none is asked); `ovoz rollups rebuild` makes them as small as new ones.
  { name: 'area-month', period: 'month', dims: ['region', 'sector'] },
  { name: 'area-day', period: 'day', dims: ['region', 'sector'] },
  {
    name: 'provider-month',
    period: 'month',
    dims: ['region', 'district', 'provider', 'sector', 'channel'],
  },
  // Keeps the channel too, so provider × channel — and any channel filter or grouping — is exact
  // over any day range (the edge days of a range are read from here). Databases written before the channel was added: `ovoz rollups rebuild`.
  {
    name: 'provider-day',
    period: 'day',
    dims: ['region', 'district', 'provider', 'sector', 'channel'],
  },
  // A respondent may belong to several segments; this cuboid counts them once per segment, so
  // its cells must never be summed across segments.
  { name: 'segment-month', period: 'month', dims: ['region', 'sector', 'segment'] },
];
