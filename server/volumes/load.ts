/**
 * Reads what the volume lookup of a report needs besides the registry (the catalog's snapshot):
 * the service volumes of the months the report's range overlaps, and the recorded populations
 * (small tables: providers × months, areas × years). See sums.ts for how a group's volumes are worked out.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Registry } from '../repos/registry.js';
import type { Group } from '../reports/rollup-reader.js';
import type { ServiceVolumes } from '../reports/volumes.js';
import { volumeLookup, type VolumeSelection } from './sums.js';

export async function loadServiceVolumes(
  db: Kysely<Database>,
  registry: Registry,
  sel: VolumeSelection,
): Promise<(group: Group) => ServiceVolumes> {
  const fromMonth = sel.from?.slice(0, 7);
  const toMonth = sel.to?.slice(0, 7);
  const [volumes, populations] = await Promise.all([
    db
      .selectFrom('service_volume')
      .select(['provider', 'month', 'served', 'offered'])
      .$if(fromMonth !== undefined, (q) => q.where('month', '>=', fromMonth!))
      .$if(toMonth !== undefined, (q) => q.where('month', '<=', toMonth!))
      .execute(),
    db.selectFrom('eligible_population').select(['area', 'year', 'eligible']).execute(),
  ]);
  return volumeLookup(
    {
      regions: registry.regions.map((r) => r.code),
      districts: registry.districts,
      providers: registry.providers,
      volumes: volumes.map((v) => ({
        ...v,
        served: v.served === null ? null : Number(v.served),
        offered: v.offered === null ? null : Number(v.offered),
      })),
      populations: populations.map((p) => ({
        ...p,
        year: Number(p.year),
        eligible: Number(p.eligible),
      })),
    },
    sel,
  );
}
