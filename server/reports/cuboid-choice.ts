/**
 * Which rollup cuboid answers a read: the smallest one of the right period that keeps every
 * dimension the query filters or groups by. The segment cuboid counts a respondent once per
 * segment, so it is used only for segment cross-cuts and never otherwise. The provider cuboids
 * keep the channel, so a channel filter or grouping always finds one. Pure.
 */
import { CUBOIDS, type Cuboid, type Dimension } from '../ingest/cuboids.js';
import { AppError } from '../errors.js';

export function pickCuboid(period: Cuboid['period'], dims: readonly Dimension[]): Cuboid {
  const wantsSegment = dims.includes('segment');
  const fits = CUBOIDS.filter(
    (c) =>
      c.period === period &&
      c.dims.includes('segment') === wantsSegment &&
      dims.every((d) => c.dims.includes(d)),
  );
  const best = fits.sort((a, b) => a.dims.length - b.dims.length)[0];
  if (!best) {
    throw new AppError(
      'InvalidQuery',
      `no ${period === 'day' ? 'daily' : 'monthly'} rollup keeps ${dims.join(' × ')}` +
        (period === 'day' ? '; choose whole months' : ''),
    );
  }
  return best;
}
