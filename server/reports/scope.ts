/**
 * What a signed-in user may see in reports. A manager sees only their regions: a filter on a
 * region, district or provider outside them is refused with 403 Forbidden — and so is one on a
 * district or provider that does not exist, so a manager cannot tell an unknown code from one in
 * another region. (The reader adds `region in (…)` to every query besides.)
 */
import type { SessionUser } from '../auth/types.js';
import { AppError } from '../errors.js';
import type { Registry } from '../repos/registry.js';
import type { Filters, Scope } from './rollup-reader.js';

export function scopeOf(user: Pick<SessionUser, 'role' | 'regions'>): Scope {
  return { regions: user.role === 'manager' ? (user.regions ?? []) : null };
}

export function assertFiltersInScope(filters: Filters, scope: Scope, registry: Registry): void {
  const regions = scope.regions;
  if (regions === null) return;
  const inScope = (region: string | undefined) => region !== undefined && regions.includes(region);
  const refuse = () => new AppError('Forbidden', 'this filter is outside the regions you may see');
  if (filters.region !== undefined && !inScope(filters.region)) throw refuse();
  if (filters.district !== undefined) {
    const d = registry.districts.find((x) => x.code === filters.district);
    if (!inScope(d?.region)) throw refuse();
  }
  if (filters.provider !== undefined) {
    const p = registry.providers.find((x) => x.code === filters.provider);
    if (!inScope(p?.region)) throw refuse();
  }
}
