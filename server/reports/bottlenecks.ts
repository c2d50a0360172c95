/**
 * GET /api/reports/bottlenecks (shared/METRICS.md, Bottlenecks): per group and overall, each
 * driver's importance, performance and quadrant; the groups significantly below the overall rate
 * (the query's groups, or regions when the query has no groupBy); state vs non-state; regional
 * disparity. Pure: the counts come in, the report goes out.
 */
import { regionalDisparity, topBoxRate, type CorrelationMethod } from '../domain/index.js';
import { groupDrivers } from './driver-analysis.js';
import { countsOf } from './group-counts.js';
import type { GroupCounts } from './rollup-reader.js';
import { scoreRow } from './score-rows.js';
import { stateVsNonState } from './state-vs-nonstate.js';
import { hiddenBeside } from './suppress.js';
import type { IndicatorVariables } from './survey-variables.js';
import type { RateNoise } from './rate-noise.js';
import { systemicBottlenecks } from './systemic.js';

export interface BottleneckCounts {
  groupBy: readonly string[];
  groups: readonly GroupCounts[];
  overall: GroupCounts;
  /** The same selection grouped by region. */
  regions: readonly GroupCounts[];
  /** The same selection grouped by sector. */
  sectors: readonly GroupCounts[];
  /** The same selection grouped by region and sector (strata of the adjusted comparison). */
  regionSectors?: readonly GroupCounts[];
}

interface Kept {
  counts: BottleneckCounts;
  variables: string;
  method: CorrelationMethod;
  k: number;
  report: ReturnType<typeof bottlenecksReport>;
}

/** The last report made from each overall's counts (exact figures only). */
const kept = new WeakMap<GroupCounts, Kept>();

/**
 * bottlenecksReport, made once for the same counts: exact reports read kept counts while the data
 * is unchanged (read-cache.ts), the very same objects, and the report is a pure function of them.
 * Protected figures (with noise) are made each time.
 */
export function keptBottlenecksReport(
  variables: IndicatorVariables,
  counts: BottleneckCounts,
  method: CorrelationMethod,
  k: number,
  noise: RateNoise | null = null,
): ReturnType<typeof bottlenecksReport> {
  if (noise !== null) return bottlenecksReport(variables, counts, method, k, noise);
  const v = JSON.stringify(variables);
  const last = kept.get(counts.overall);
  const same = (a: BottleneckCounts) =>
    (['groups', 'regions', 'sectors', 'regionSectors'] as const).every(
      (key) => a[key] === counts[key],
    ) && a.groupBy.join() === counts.groupBy.join();
  if (last && last.variables === v && last.method === method && last.k === k && same(last.counts))
    return last.report;
  const report = bottlenecksReport(variables, counts, method, k, null);
  kept.set(counts.overall, { counts, variables: v, method, k, report });
  return report;
}

export function bottlenecksReport(
  variables: IndicatorVariables,
  counts: BottleneckCounts,
  method: CorrelationMethod,
  k: number,
  /** Protected figures: what each rate carries besides sampling, for the systemic test. */
  noise: RateNoise | null = null,
) {
  const satisfaction = (g: GroupCounts) => topBoxRate(countsOf(g, variables.satisfaction));
  const total = satisfaction(counts.overall);
  /** Each group's rate, its suppression and (when `withDrivers`) its driver analysis. */
  const rated = (list: readonly GroupCounts[], withDrivers: boolean) => {
    const results = list.map(satisfaction);
    const hidden = hiddenBeside(
      results.map((r) => r.n),
      total.n,
      k,
    );
    return list.map((g, i) => {
      const r = results[i]!;
      const h = hidden[i] ?? true;
      return {
        group: g.group,
        satisfied: r.satisfied,
        n: r.n,
        hidden: h,
        row: scoreRow(r, k, h),
        // Not analysed: never shown (see `regions` below).
        drivers: withDrivers
          ? groupDrivers(g, variables, method, k, h, noise?.detail?.(g.group))
          : ({ status: 'suppressed' } as const),
      };
    });
  };

  const overallRow = scoreRow(total, k);
  const groups = rated(counts.groups, true);
  // The regions' drivers are read only for systemic bottlenecks of a query with no groupBy; a
  // query grouped by region alone has them in `groups` already.
  const regions =
    counts.regions === counts.groups ? groups : rated(counts.regions, counts.groupBy.length === 0);
  const systemic =
    counts.groupBy.length > 0
      ? systemicBottlenecks(counts.groupBy, groups, total, noise)
      : systemicBottlenecks(['region'], regions, total, noise);
  const disparity = regionalDisparity(
    regions
      .filter((r) => !r.hidden && r.group.region !== null)
      .map((r) => ({ group: r.group, x: r.satisfied, n: r.n })),
  );

  return {
    method,
    overall: {
      ...overallRow,
      drivers: groupDrivers(
        counts.overall,
        variables,
        method,
        k,
        overallRow.suppressed,
        noise?.detail?.(counts.overall.group),
      ),
    },
    groups: groups.map((g) => ({ group: g.group, ...g.row, drivers: g.drivers })),
    systemic,
    stateVsNonState: stateVsNonState(
      counts.sectors,
      counts.overall,
      variables,
      k,
      counts.regionSectors,
      noise,
    ),
    regionalDisparity: disparity,
  };
}
