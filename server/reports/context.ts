/**
 * What every report request needs before it computes: the survey and its indicator variables,
 * the user's scope checked against the filters, the waves when grouping by wave, and a reader of
 * the rollups bound to the query's survey, range, filters and scope.
 */
import type { SessionUser } from '../auth/types.js';
import { driverPairVariable } from '../ingest/facts.js';
import type { AppDeps } from '../deps.js';
import { readsOf, type ReportKind, type ReportQuery } from './query.js';
import {
  emptyCounts,
  readRollups,
  regroup,
  type GroupCounts,
  type GroupDim,
  type Need,
  type Wave,
} from './rollup-reader.js';
import { readCacheOf } from './read-cache.js';
import { assertFiltersInScope, scopeOf } from './scope.js';
import {
  loadReportSurvey,
  type IndicatorVariables,
  type ReportSurvey,
} from './survey-variables.js';
import { loadWaves } from './waves.js';

export interface ReportContext {
  survey: ReportSurvey;
  k: number;
  /** The selected responses' counts grouped by `groupBy`. */
  read(groupBy: readonly GroupDim[]): Promise<GroupCounts[]>;
  /** All the selected responses together. */
  readOverall(): Promise<GroupCounts>;
  /** The survey's waves, ordered by start (read once per request). */
  waves(): Promise<Wave[]>;
  /** What every report echoes. */
  echo: {
    survey: string;
    from: string | null;
    to: string | null;
    filters: ReportQuery['filters'];
    k: number;
  };
}

/** The groupings added up from a fine read, by the read (see flush below). */
const regrouped = new WeakMap<readonly GroupCounts[], Map<string, GroupCounts[]>>();

interface Pending {
  groupBy: readonly GroupDim[];
  resolve: (groups: GroupCounts[]) => void;
  reject: (error: unknown) => void;
}

/**
 * What a report reads besides the number of responses: satisfaction and trend only the
 * satisfaction answers; bottlenecks those and the driver × satisfaction tables; indicators their
 * variables (the delivery-day histogram only here) and each driver's distribution. Another caller:
 * everything.
 */
export function needOf(report: ReportKind | undefined, v: IndicatorVariables): Need | undefined {
  const drivers = v.drivers.map((d) => d.variable);
  const only = (...list: (string | null)[]) => list.filter((x): x is string => x !== null);
  switch (report) {
    case 'satisfaction':
    case 'trend':
      return { variables: only(v.satisfaction), drivers: [], pairs: 'none' };
    case 'bottlenecks':
      // The driver × satisfaction tables and every driver × driver table (relative weights).
      return {
        variables: only(v.satisfaction),
        drivers: [
          ...drivers,
          ...drivers.flatMap((a, i) => drivers.slice(i + 1).map((b) => driverPairVariable(a, b))),
        ],
        pairs: 'tables',
      };
    case 'indicators':
      return {
        variables: only(
          v.satisfaction,
          v.trust,
          v.recommend,
          v.effort,
          v.deliveryDays,
          v.affordability,
          v.afford,
          v.affordCross,
        ),
        drivers,
        pairs: 'margins',
      };
    default:
      return undefined;
  }
}

export async function reportContext(
  deps: Pick<AppDeps, 'db' | 'catalog' | 'registry' | 'config' | 'storage'>,
  user: Pick<SessionUser, 'role' | 'regions'>,
  query: ReportQuery,
): Promise<ReportContext> {
  const scope = scopeOf(user);
  assertFiltersInScope(query.filters, scope, await deps.registry.snapshot());
  const survey = await loadReportSurvey(deps.db, query.survey);
  let waves: Promise<Wave[]> | undefined;
  const surveyWaves = () => (waves ??= loadWaves(deps.db, survey.id));
  const need = needOf(readsOf(query), survey.variables);
  const cache = readCacheOf(deps.storage);
  const readAt = async (groupBy: readonly GroupDim[]) =>
    readRollups(
      deps.db,
      {
        surveyId: survey.id,
        from: query.from,
        to: query.to,
        filters: query.filters,
        groupBy,
        waves: groupBy.includes('wave') ? await surveyWaves() : [],
        scope,
        ...(need ? { need } : {}),
      },
      cache,
    );

  // The reads a report starts together (one Promise.all) are answered by one read of the finest
  // grouping they need, added up in memory for each — counts are additive across the cells of a
  // cuboid. Wave groupings are read apart from the rest: waves may overlap, so their sum is not
  // the selection.
  let pending: Pending[] = [];
  const flush = async (batch: Pending[]) => {
    for (const part of [
      batch.filter((r) => !r.groupBy.includes('wave')),
      batch.filter((r) => r.groupBy.includes('wave')),
    ]) {
      if (part.length === 0) continue;
      try {
        if (part.length === 1) {
          part[0]!.resolve(await readAt(part[0]!.groupBy));
          continue;
        }
        const fine = await readAt([...new Set(part.flatMap((r) => r.groupBy))]);
        const waveList = part[0]!.groupBy.includes('wave') ? await waves : undefined;
        // The same grouping asked twice (bottlenecks by region: its groups and its regions) is
        // added up once; both get the same groups.
        // Kept with the fine read itself: a read kept by the cache is added up once for all.
        let done = regrouped.get(fine);
        if (!done) regrouped.set(fine, (done = new Map()));
        for (const r of part) {
          const key = JSON.stringify(r.groupBy);
          let groups = done.get(key);
          if (!groups) done.set(key, (groups = regroup(fine, r.groupBy, waveList)));
          r.resolve(groups);
        }
      } catch (error) {
        for (const r of part) r.reject(error);
      }
    }
  };
  const read = (groupBy: readonly GroupDim[]) =>
    new Promise<GroupCounts[]>((resolve, reject) => {
      pending.push({ groupBy, resolve, reject });
      if (pending.length > 1) return;
      queueMicrotask(() => {
        const batch = pending;
        pending = [];
        void flush(batch);
      });
    });
  const k = deps.config.minCell;
  return {
    survey,
    k,
    read,
    readOverall: async () => (await read([]))[0] ?? emptyCounts(),
    waves: surveyWaves,
    echo: { survey: survey.slug, from: query.from, to: query.to, filters: query.filters, k },
  };
}
