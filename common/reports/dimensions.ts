/**
 * The dimensions responses are counted by, defined once: what a report filters on and groups by
 * (server/reports/query.ts), the columns of a rollup cell (db/schema.ts), the cells a response
 * adds to (db/rollups/batch.ts), the cuboids that keep them (db/rollups/cuboids.ts), and the
 * admin app's filters. Pure data.
 */

/**
 * What a response has one value of (or none, where it did not say), in a rollup cell's column
 * order: a report may filter on each.
 */
export const FILTER_DIMS = ['region', 'district', 'provider', 'sector', 'channel'] as const;
export type FilterDim = (typeof FILTER_DIMS)[number];

/**
 * A rollup cell's dimensions, in its columns' order: the response's, then the segment (a
 * respondent may belong to several, so a segment is never a filter summed across).
 */
export const CELL_DIMS = [...FILTER_DIMS, 'segment'] as const;
export type Dimension = (typeof CELL_DIMS)[number];

/**
 * What identifies a rollup cell, in order: its cuboid, survey and period, then its dimensions
 * ('' where the cuboid does not keep one). The rollup writers key a cell by these, joined.
 */
export const CELL_KEY = ['cuboid', 'survey_id', 'period', ...CELL_DIMS] as const;
/** The separator of a cell's key. */
export const KEY_SEPARATOR = '\u0001';

/**
 * The calendar periods a cuboid keeps, coarsest first: year, month, dekad (days 1–10, 11–20,
 * 21–end) and day.
 */
export const PERIODS = ['year', 'month', 'dekad', 'day'] as const;
export type Period = (typeof PERIODS)[number];

/** A provider's sector: state, NGO, private, public-private partnership. */
export const SECTORS = ['state', 'ngo', 'private', 'ppp'] as const;
export type Sector = (typeof SECTORS)[number];

/** Where a signed link was put: the closed list of channels a QR code or link may carry. */
export const CHANNELS = ['centre', 'mahalla', 'online', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
