/**
 * The service volumes of a report group: people offered the survey and people served (sums over
 * the group's providers and the months of its date range) and people eligible (the group's area).
 * They are the denominators of the response rate and the coverage coefficient (shared/METRICS.md).
 * Pure: the recorded rows come in, a lookup per group goes out.
 *
 * - Months: every month that overlaps the group's days (the query's from..to, narrowed by the
 *   group's month or wave). Volumes are monthly, so a range that cuts a month counts the whole
 *   month: use whole months for exact response rates.
 * - Providers: those matching the query's filters, the group's region / district / provider /
 *   sector, and the user's regions. A group whose key is unknown (null) or that is a channel or
 *   segment cut has no volumes: volumes are not recorded per channel or segment. The group is
 *   read from its own keys, so the overall row (`{}`) gets the volumes of the whole selection.
 * - Eligible: the population of the group's district, else its region, else every region the user
 *   may see; none for a provider or sector cut (populations are per area). Of the years the range
 *   overlaps, the latest one recorded. A region with no figure of its own is the sum of its
 *   districts when every one of them has a figure for that year; the national figure needs every
 *   region (a partial sum would overstate coverage).
 * - `servedMonths`: the months with a recorded `served` figure, so coverage can be a monthly figure
 *   (reports/volumes.ts) that does not shrink with a shorter date range.
 * - A sum with nothing recorded is null, never 0. Recorded zeros stay 0 (the ratios then are null).
 * - Sums cover what is recorded: a provider that records no volumes adds nothing to `offered`, while
 *   its responses still count in the report's numerator — record every provider that hands out
 *   links (GET /api/admin/volumes shows the gaps).
 */
import type { Filters, Group, Scope, Wave } from '../reports/rollup-reader.js';
import type { ServiceVolumes } from '../reports/volumes.js';

export interface VolumeData {
  regions: readonly string[];
  districts: readonly { code: string; region: string }[];
  providers: readonly { code: string; region: string; district: string; sector: string }[];
  volumes: readonly {
    provider: string;
    month: string;
    served: number | null;
    offered: number | null;
  }[];
  populations: readonly { area: string; year: number; eligible: number }[];
}

export interface VolumeSelection {
  /** Local days YYYY-MM-DD, inclusive; null = open. */
  from: string | null;
  to: string | null;
  filters: Filters;
  /** Needed when grouping by wave. */
  waves?: readonly Wave[];
  scope: Scope;
}

export const NO_VOLUMES: Readonly<ServiceVolumes> = Object.freeze({
  served: null,
  offered: null,
  eligible: null,
  servedMonths: 0,
});

const AREA_DIMS = ['region', 'district', 'provider', 'sector'] as const;

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

function sum(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}

export function volumeLookup(
  data: VolumeData,
  sel: VolumeSelection,
): (group: Group) => ServiceVolumes {
  const regions = sel.scope.regions;
  const visibleRegions = data.regions.filter((r) => regions === null || regions.includes(r));
  const population = new Map(data.populations.map((p) => [`${p.area}\u0001${p.year}`, p.eligible]));
  const districtsOf = new Map<string, string[]>();
  const regionOf = new Map<string, string>();
  for (const d of data.districts) {
    let codes = districtsOf.get(d.region);
    if (!codes) districtsOf.set(d.region, (codes = []));
    codes.push(d.code);
    regionOf.set(d.code, d.region);
  }
  const volumesOf = new Map<string, VolumeData['volumes'][number][]>();
  for (const v of data.volumes) {
    let rows = volumesOf.get(v.provider);
    if (!rows) volumesOf.set(v.provider, (rows = []));
    rows.push(v);
  }
  const knownYears = [...new Set(data.populations.map((p) => p.year))].sort((a, b) => b - a);

  const areaIn = (area: string, year: number): number | null => {
    const own = population.get(`${area}\u0001${year}`);
    if (own !== undefined) return own;
    const parts = districtsOf.get(area);
    if (!parts?.length) return null;
    const values = parts.map((d) => population.get(`${d}\u0001${year}`) ?? null);
    return values.every((v) => v !== null) ? sum(values) : null;
  };

  const eligible = (area: string | null, years: readonly number[]): number | null => {
    for (const year of years) {
      if (area !== null) {
        const v = areaIn(area, year);
        if (v !== null) return v;
        continue;
      }
      const values = visibleRegions.map((r) => areaIn(r, year));
      if (values.length && values.every((v) => v !== null)) return sum(values);
    }
    return null;
  };

  return (group) => {
    const has = (d: string) => Object.hasOwn(group, d);
    if (has('channel') || has('segment')) return { ...NO_VOLUMES };
    let from = sel.from;
    let to = sel.to;
    if (has('month')) {
      const month = group.month;
      if (!month) return { ...NO_VOLUMES };
      from = later(from, `${month}-01`);
      to = earlier(to, `${month}-31`);
    }
    if (has('wave')) {
      const wave = (sel.waves ?? []).find((w) => w.name === group.wave);
      if (!wave) return { ...NO_VOLUMES };
      from = later(from, wave.startsOn);
      to = earlier(to, wave.endsOn);
    }
    if (from !== null && to !== null && from > to) return { ...NO_VOLUMES };

    const want: Partial<Record<(typeof AREA_DIMS)[number], string>> = {};
    for (const d of AREA_DIMS) {
      if (has(d)) {
        const v = group[d];
        if (v === null || v === undefined) return { ...NO_VOLUMES };
        if (sel.filters[d] !== undefined && sel.filters[d] !== v) return { ...NO_VOLUMES };
        want[d] = v;
      } else if (sel.filters[d] !== undefined) {
        want[d] = sel.filters[d];
      }
    }
    const providers = data.providers.filter(
      (p) =>
        (regions === null || regions.includes(p.region)) &&
        (want.region === undefined || p.region === want.region) &&
        (want.district === undefined || p.district === want.district) &&
        (want.provider === undefined || p.code === want.provider) &&
        (want.sector === undefined || p.sector === want.sector),
    );
    const fromMonth = from?.slice(0, 7) ?? null;
    const toMonth = to?.slice(0, 7) ?? null;
    const rows = providers.flatMap((p) =>
      (volumesOf.get(p.code) ?? []).filter(
        (v) =>
          (fromMonth === null || v.month >= fromMonth) && (toMonth === null || v.month <= toMonth),
      ),
    );

    let area: string | null = null;
    let perArea = true;
    if (want.provider !== undefined || want.sector !== undefined) perArea = false;
    else if (want.district !== undefined) area = want.district;
    else if (want.region !== undefined) area = want.region;
    if (area !== null && regions !== null) {
      const region = regionOf.get(area) ?? area;
      if (!regions.includes(region)) perArea = false;
    }
    const fromYear = from === null ? null : Number(from.slice(0, 4));
    const toYear = to === null ? null : Number(to.slice(0, 4));
    const years = knownYears.filter(
      (y) => (fromYear === null || y >= fromYear) && (toYear === null || y <= toYear),
    );

    return {
      served: sum(rows.map((r) => r.served)),
      offered: sum(rows.map((r) => r.offered)),
      eligible: perArea ? eligible(area, years) : null,
      servedMonths: new Set(rows.filter((r) => r.served !== null).map((r) => r.month)).size,
    };
  };
}
