/**
 * Response rate and coverage (shared/METRICS.md) need service volumes — people served and
 * offered the survey per provider and month, people eligible per area — which administrators
 * record (PUT /api/admin/volumes, /api/admin/populations). A report looks them up per group with
 * `loadServiceVolumes`; where none are recorded both indicators are null, never 0.
 */
import { coverageCoefficient, responseRate } from '../domain/index.js';

export interface ServiceVolumes {
  served: number | null;
  offered: number | null;
  eligible: number | null;
  /** The months `served` sums over (absent: one year's worth, as recorded before). */
  servedMonths?: number;
}

/**
 * The recorded volumes of a report's selection, as a lookup per group (server/volumes/sums.ts):
 * `const volumesOf = await loadServiceVolumes(db, registry, { from, to, filters, scope, waves })`, then
 * `volumesOf(g.group)` for each group and for the overall row (`{}`).
 */
export { loadServiceVolumes } from '../volumes/load.js';
export type { VolumeSelection } from '../volumes/sums.js';

export function volumeIndicators(
  responses: number,
  volumes: ServiceVolumes | null,
): { responseRate: number | null; coverage: number | null } {
  if (volumes === null) return { responseRate: null, coverage: null };
  // Coverage is a monthly figure (METRICS.md): people served per month, over the months the
  // report covers, as a year's worth (× 12) against the year's eligible population — so a report
  // of one week and one of a year give the same coverage for the same months.
  const months = volumes.servedMonths;
  const served =
    volumes.served !== null && months !== undefined && months > 0
      ? (volumes.served / months) * 12
      : volumes.served;
  return {
    responseRate: responseRate(responses, volumes.offered),
    coverage: coverageCoefficient(served, volumes.eligible),
  };
}
