/**
 * What every report request needs before it computes: the survey and its indicator variables,
 * the user's scope checked against the filters, the waves when grouping by wave, and a reader of
 * the rollups bound to the query's survey, range, filters and scope.
 */
import type { SessionUser } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import type { ReportQuery } from './query.js';
import {
  emptyCounts,
  readRollups,
  type GroupCounts,
  type GroupDim,
  type Wave,
} from './rollup-reader.js';
import { assertFiltersInScope, scopeOf } from './scope.js';
import { loadReportSurvey, type ReportSurvey } from './survey-variables.js';
import { loadWaves } from './waves.js';

export interface ReportContext {
  survey: ReportSurvey;
  k: number;
  /** The selected responses' counts grouped by `groupBy`. */
  read(groupBy: readonly GroupDim[]): Promise<GroupCounts[]>;
  /** All the selected responses together. */
  readOverall(): Promise<GroupCounts>;
  /** What every report echoes. */
  echo: {
    survey: string;
    from: string | null;
    to: string | null;
    filters: ReportQuery['filters'];
    k: number;
  };
}

export async function reportContext(
  deps: Pick<AppDeps, 'db' | 'catalog' | 'config'>,
  user: Pick<SessionUser, 'role' | 'regions'>,
  query: ReportQuery,
): Promise<ReportContext> {
  const scope = scopeOf(user);
  assertFiltersInScope(query.filters, scope, await deps.catalog.registrySnapshot());
  const survey = await loadReportSurvey(deps.db, query.survey);
  let waves: Promise<Wave[]> | undefined;
  const read = async (groupBy: readonly GroupDim[]) =>
    readRollups(deps.db, {
      surveyId: survey.id,
      from: query.from,
      to: query.to,
      filters: query.filters,
      groupBy,
      waves: groupBy.includes('wave') ? await (waves ??= loadWaves(deps.db, survey.id)) : [],
      scope,
    });
  const k = deps.config.minCell;
  return {
    survey,
    k,
    read,
    readOverall: async () => (await read([]))[0] ?? emptyCounts(),
    echo: { survey: survey.slug, from: query.from, to: query.to, filters: query.filters, k },
  };
}
