/**
 * Which rollup cuboid answers a read: the smallest one of the right period that keeps every
 * dimension the query filters or groups by. The segment cuboid counts a respondent once per
 * segment, so it is used only for segment cross-cuts and never otherwise. The provider cuboids
 * keep the channel, so a channel filter or grouping always finds one. Pure.
 */
import { PERIODS, type Dimension, type Period } from '../../common/reports/dimensions.js';
import { CUBOIDS, type Cuboid } from '../../db/rollups/cuboids.js';
import { AppError } from '../errors.js';

const LABEL: Record<Period, string> = {
  year: 'yearly',
  month: 'monthly',
  dekad: 'ten-day',
  day: 'daily',
};

function fitting(period: Period, dims: readonly Dimension[]): Cuboid | undefined {
  const wantsSegment = dims.includes('segment');
  return CUBOIDS.filter(
    (c) =>
      c.period === period &&
      c.dims.includes('segment') === wantsSegment &&
      dims.every((d) => c.dims.includes(d)),
  ).sort((a, b) => a.dims.length - b.dims.length)[0];
}

export function pickCuboid(period: Period, dims: readonly Dimension[]): Cuboid {
  const best = fitting(period, dims);
  if (!best) {
    throw new AppError(
      'InvalidQuery',
      `no ${LABEL[period]} rollup keeps ${dims.join(' × ')}` +
        (period === 'day' ? '; choose whole months' : ''),
    );
  }
  return best;
}

/**
 * The periods a range is read in for these dimensions, coarsest first: those some cuboid keeps
 * them for, and always days last (pickCuboid says so when no daily cuboid keeps them). Years
 * only when the read does not group by month.
 */
export function readLevels(dims: readonly Dimension[], byMonth: boolean): Period[] {
  const coarse = PERIODS.filter(
    (p) => p !== 'day' && !(p === 'year' && byMonth) && fitting(p, dims) !== undefined,
  );
  return [...coarse, 'day'];
}
