/**
 * GET /api/reports/registry: the names (in four languages) of the regions, districts and providers
 * a user may filter reports by — for a manager only those of their regions, so the filters show
 * names, not codes. Pure: the registry and the scope in, the visible part out.
 */
import type { Registry } from '../repos/registry.js';
import type { Scope } from './rollup-reader.js';

export function visibleRegistry(registry: Registry, scope: Scope): Registry {
  const regions = scope.regions;
  if (regions === null) return registry;
  const mine = (region: string) => regions.includes(region);
  return {
    regions: registry.regions.filter((r) => mine(r.code)),
    districts: registry.districts.filter((d) => mine(d.region)),
    providers: registry.providers.filter((p) => mine(p.region)),
  };
}
