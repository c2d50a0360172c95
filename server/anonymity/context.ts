/**
 * The report context of protected figures (shared/API.md, `figures: "perturbed"`): the same
 * interface as the exact one (server/reports/context.ts), answered from frozen blocks only.
 *
 * - `from`/`to` snap to whole months: every month that meets the range and is frozen (a month
 *   still running, or within the freezing lag, is never read); the months used are echoed as
 *   `period: { from, to }` (null when there are none).
 * - Filters and groupings must fit one grid (grids.ts), else 400 CrossesGrids with the reason.
 * - `noiseOf(group)` tells how much perturbation a group's figures carry (intervals.ts).
 */
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import type { Database } from '../../db/schema.js';
import { createPtable, type Ptable } from '../domain/ptable.js';
import { needOf, type ReportContext } from '../reports/context.js';
import { readsOf, type ReportQuery } from '../reports/query.js';
import {
  emptyCounts,
  type Group,
  type GroupCounts,
  type GroupDim,
  type Wave,
} from '../reports/rollup-reader.js';
import { assertFiltersInScope, scopeOf } from '../reports/scope.js';
import { loadReportSurvey } from '../reports/survey-variables.js';
import { loadWaves } from '../reports/waves.js';
import { loadBlocks, neededDims, sumBlocks, type Noise } from './blocks.js';
import { freezeClosed, ptableParams } from './freeze.js';
import { gridFor, lastDayOf, monthOf } from './grids.js';

export interface Period {
  from: string;
  to: string;
}

export interface ProtectedContext extends ReportContext {
  figures: 'perturbed';
  period: Period | null;
  table: Ptable;
  displayMinN: number;
  /** The noise of a group's counts (by the group object a read returned); the overall's else. */
  noiseOf(group: Group | undefined): Noise;
}

/** The frozen months of a survey meeting [from, to], ascending. */
export async function frozenMonths(
  db: Kysely<Database>,
  surveyId: number,
  version: number,
  from: string | null,
  to: string | null,
): Promise<string[]> {
  let q = db
    .selectFrom('frozen_month')
    .select('month')
    .where('survey_id', '=', surveyId)
    .where('version', '=', version);
  if (from !== null) q = q.where('month', '>=', monthOf(from));
  if (to !== null) q = q.where('month', '<=', monthOf(to));
  return (await q.orderBy('month').execute()).map((r) => r.month);
}

export const periodOf = (months: readonly string[]): Period | null =>
  months.length ? { from: `${months[0]}-01`, to: lastDayOf(months[months.length - 1]!) } : null;

export async function protectedContext(
  deps: Pick<AppDeps, 'db' | 'registry' | 'config' | 'now'>,
  user: Pick<SessionUser, 'role' | 'regions'>,
  query: ReportQuery,
): Promise<ProtectedContext> {
  const scope = scopeOf(user);
  assertFiltersInScope(query.filters, scope, await deps.registry.snapshot());
  await freezeClosed(deps);
  const survey = await loadReportSurvey(deps.db, query.survey);
  const need = needOf(readsOf(query), survey.variables);
  const table = createPtable(ptableParams(deps.config));
  const version = table.params.version;
  const months = await frozenMonths(deps.db, survey.id, version, query.from, query.to);
  const period = periodOf(months);
  let waves: Promise<Wave[]> | undefined;
  const surveyWaves = () => (waves ??= loadWaves(deps.db, survey.id));
  const noise = new WeakMap<Group, Noise>();
  let overallNoise: Noise = { blocks: 0, meanVariance: 0 };

  // Every read of one request loads the blocks of its grid once.
  const loaded = new Map<string, ReturnType<typeof loadBlocks>>();
  const read = async (groupBy: readonly GroupDim[]): Promise<GroupCounts[]> => {
    const w = groupBy.includes('wave') ? await surveyWaves() : [];
    const request = {
      surveyId: survey.id,
      version,
      months,
      filters: query.filters,
      groupBy,
      scope,
    };
    const key = gridFor(neededDims(query.filters, groupBy));
    let blocks = loaded.get(key);
    if (!blocks) loaded.set(key, (blocks = loadBlocks(deps.db, request)));
    const sums = sumBlocks(await blocks, groupBy, w, table, need);
    for (const s of sums) noise.set(s.counts.group, s.noise);
    if (groupBy.length === 0 && sums[0]) overallNoise = sums[0].noise;
    return sums.map((s) => s.counts);
  };
  const k = deps.config.minCell;
  return {
    survey,
    k,
    read,
    readOverall: async () => (await read([]))[0] ?? emptyCounts(),
    waves: surveyWaves,
    figures: 'perturbed',
    period,
    table,
    displayMinN: deps.config.displayMinN,
    noiseOf: (group) => (group && noise.get(group)) || overallNoise,
    echo: {
      survey: survey.slug,
      from: query.from,
      to: query.to,
      filters: query.filters,
      k,
      figures: 'perturbed',
      period,
      // The same, for the trend report, whose `period` says month or wave.
      figuresPeriod: period,
    } as ReportContext['echo'],
  };
}
