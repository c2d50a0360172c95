/**
 * Reports (shared/API.md): GET /satisfaction, /indicators, /bottlenecks, /trend, /comments, and
 * what a report's filters offer: /surveys, /registry; mounted at /api/reports. For managers,
 * sociologists and admins; a manager sees only their regions (the scope is part of every query; a
 * filter outside it is 403 Forbidden). Every number comes from the rollups through the pure domain;
 * /comments is the one report that reads raw responses (text is not a count: comment-rows.ts).
 */
import { Hono, type Context } from 'hono';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { schema as commentsQuery } from '../reports/comments-query.js';
import { bottleneckQuery, invalid, reportQuery, trendQuery } from '../reports/query.js';
import * as schemas from './report-schemas.js';
import { keptBottlenecksReport } from '../reports/bottlenecks.js';
import { commentsReport } from '../reports/comments.js';
import { parseCommentsQuery } from '../reports/comments-query.js';
import type { ReportContext } from '../reports/context.js';
import { assertExactAllowed, figuresFor } from '../anonymity/figures.js';
import { commentsProtection } from '../anonymity/comments.js';
import { indicatorsReport } from '../reports/indicators.js';
import {
  parseReportQuery,
  type GroupByDim,
  type ReportKind,
  type ReportQuery,
} from '../reports/query.js';
import { indicatorsOf, indicatorTrend, unitOf } from '../reports/indicator-trend.js';
import { visibleRegistry } from '../reports/report-registry.js';
import { reportSurveys } from '../reports/report-surveys.js';
import { satisfactionReport } from '../reports/satisfaction.js';
import { trendReport } from '../reports/trend.js';
import { findingsHandler } from './report-findings.js';
import { scopeOf } from '../reports/scope.js';
import { loadServiceVolumes, type ServiceVolumes } from '../reports/volumes.js';
import {
  fineByGroup,
  loadServed,
  selectionWeights,
  weightedGrouping,
  weightingSummary,
  weightRow,
  weightTrend,
} from '../reports/weighted.js';
import type { Group, GroupCounts, Wave } from '../reports/rollup-reader.js';

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Reports'];
const docs = {
  satisfaction: doc({
    summary: 'The satisfaction rate per group',
    tags,
    query: reportQuery,
    ok: { 200: schemas.satisfactionReport },
    errors: [404],
  }),
  indicators: doc({
    summary: 'Every indicator of METRICS.md per group, and the Social KPI index',
    tags,
    query: reportQuery,
    ok: { 200: schemas.indicatorsReport },
    errors: [404],
  }),
  bottlenecks: doc({
    summary: "Per group: each driver's importance, performance and quadrant; groups below overall",
    tags,
    query: bottleneckQuery,
    ok: { 200: schemas.bottlenecksReport },
    errors: [404],
  }),
  trend: doc({
    summary:
      'An indicator (satisfaction by default) per month or wave, with the change and its significance',
    tags,
    query: trendQuery,
    ok: { 200: schemas.trendReport },
    errors: [404],
  }),
  comments: doc({
    summary: 'Comments, masked, newest first, a page at a time',
    tags,
    query: commentsQuery,
    ok: { 200: schemas.commentsReport },
    errors: [404],
  }),
  findings: doc({
    summary:
      'What to act on first: groups below the rest and a significant change, ranked, and each tile against the previous period',
    tags,
    query: bottleneckQuery,
    ok: { 200: schemas.findingsReport },
    errors: [404],
  }),
  surveys: doc({
    summary: 'The surveys a report may ask for',
    tags,
    ok: { 200: schemas.reportSurveyList },
  }),
  registry: doc({
    summary: "The registry within the user's regions",
    tags,
    ok: { 200: schemas.reportRegistry },
  }),
};

/** A report that does not weigh its rates says so when asked for weighted ones. */
const notWeighted = (query: { weighted: boolean }) => (query.weighted ? { weighted: false } : {});

export function reportRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const staff = [requireUser(deps), requireRole('manager', 'sociologist', 'admin')] as const;

  /** The post-stratification weights of a selection read at provider × month. */
  const weightsOf = async (
    query: { from: string | null; to: string | null },
    fine: readonly GroupCounts[],
  ) =>
    selectionWeights(
      fine,
      await loadServed(deps.db, query.from, query.to),
      await deps.registry.snapshot(),
    );

  /** No groupBy: no groups, only the overall. */
  const groupsOf = (ctx: ReportContext, groupBy: readonly GroupByDim[]) =>
    groupBy.length ? ctx.read(groupBy) : Promise.resolve([]);

  const userOf = (c: Context<AuthEnv>) => {
    const user = c.get('user');
    if (!user) throw new AppError('Unauthenticated', 'sign in first');
    return user;
  };

  /**
   * The recorded volumes of a selection per group. Volumes are not recorded per channel: a
   * channel filter leaves the response rate and the coverage without a denominator (null, never
   * a wrong number).
   */
  const volumesFor = async (
    c: Context<AuthEnv>,
    query: ReportQuery,
    range: { from: string | null; to: string | null },
    waves: readonly Wave[],
  ): Promise<(group: Group) => ServiceVolumes | null> =>
    query.filters.channel !== undefined
      ? () => null
      : loadServiceVolumes(deps.db, await deps.registry.snapshot(), {
          ...query,
          ...range,
          scope: scopeOf(userOf(c)),
          waves,
        });

  const prepare = async (c: Context<AuthEnv>, report: ReportKind) => {
    const user = userOf(c);
    const query = parseReportQuery(c.req.url, report);
    return { query, ...(await figuresFor(deps, user, query)) };
  };

  app.get('/satisfaction', ...staff, docs.satisfaction, async (c) => {
    const { query, ctx, finish, range } = await prepare(c, 'satisfaction');
    // Weighted: the weighting cells (provider × month) are read in the same batch, at no rescan.
    const [groups, overall, fine] = await Promise.all([
      groupsOf(ctx, query.groupBy),
      ctx.readOverall(),
      query.weighted ? ctx.read(weightedGrouping(query.groupBy)) : null,
    ]);
    const report = satisfactionReport(ctx.survey.variables, groups, overall, ctx.k);
    if (!fine) return c.json(finish({ ...ctx.echo, groupBy: query.groupBy, ...report }));
    const weights = await weightsOf(range, fine);
    const of = fineByGroup(fine, query.groupBy);
    const v = ctx.survey.variables.satisfaction;
    return c.json(
      finish({
        ...ctx.echo,
        groupBy: query.groupBy,
        weighted: true,
        weighting: weightingSummary(weights),
        overall: weightRow(report.overall, fine, weights, v),
        groups: report.groups.map((g) => weightRow(g, of(g.group), weights, v)),
      }),
    );
  });

  app.get('/indicators', ...staff, docs.indicators, async (c) => {
    const { query, ctx, finish, range, noise } = await prepare(c, 'indicators');
    const waves = query.groupBy.includes('wave') ? await ctx.waves() : [];
    const [groups, overall, volumesOf] = await Promise.all([
      groupsOf(ctx, query.groupBy),
      ctx.readOverall(),
      volumesFor(c, query, range, waves),
    ]);
    const report = indicatorsReport(
      ctx.survey.variables,
      groups,
      overall,
      ctx.k,
      undefined,
      volumesOf,
      noise,
    );
    return c.json(
      finish({ ...ctx.echo, groupBy: query.groupBy, ...notWeighted(query), ...report }),
    );
  });

  app.get('/bottlenecks', ...staff, docs.bottlenecks, async (c) => {
    const { query, ctx, finish, noise } = await prepare(c, 'bottlenecks');
    const [groups, overall, regions, sectors, regionSectors] = await Promise.all([
      groupsOf(ctx, query.groupBy),
      ctx.readOverall(),
      ctx.read(['region']),
      ctx.read(['sector']),
      ctx.read(['region', 'sector']),
    ]);
    const counts = { groupBy: query.groupBy, groups, overall, regions, sectors, regionSectors };
    const report = keptBottlenecksReport(ctx.survey.variables, counts, query.method, ctx.k, noise);
    return c.json(
      finish({ ...ctx.echo, groupBy: query.groupBy, ...notWeighted(query), ...report }),
    );
  });

  app.get('/trend', ...staff, docs.trend, async (c) => {
    const { query, ctx, finish, finishAt, range, noise } = await prepare(c, 'trend');
    const v = ctx.survey.variables;
    const indicator = query.indicator ?? 'satisfaction';
    const indicators = indicatorsOf(v);
    if (!indicators.includes(indicator)) {
      throw invalid([
        {
          name: 'indicator',
          message: `not an indicator of this survey; use ${indicators.join(', ')}`,
        },
      ]);
    }
    const satisfaction = indicator === 'satisfaction';
    const period: 'wave' | 'month' = query.groupBy.includes('wave') ? 'wave' : 'month';
    const groupBy: GroupByDim[] = [...query.groupBy.filter((d) => d !== period), period];
    const [points, overall, fine, waves] = await Promise.all([
      ctx.read(groupBy),
      ctx.readOverall(),
      query.weighted && satisfaction ? ctx.read(weightedGrouping(groupBy)) : null,
      period === 'wave' ? ctx.waves() : Promise.resolve([]),
    ]);
    // The local day of the report: a period that has not ended by it is still running.
    const now = (deps.now ?? Date.now)() + deps.config.utcOffsetMinutes * 60_000;
    const today = new Date(now).toISOString().slice(0, 10);
    const clock = { today, from: ctx.echo.from, to: ctx.echo.to, waves };
    const about = { ...ctx.echo, groupBy, indicator, unit: unitOf(indicator), indicators };
    if (!satisfaction) {
      // Each point is the indicators report of its period and group, as served.
      const volumesOf = await volumesFor(c, query, range, waves);
      const rows = finish(indicatorsReport(v, points, overall, ctx.k, undefined, volumesOf, noise));
      const report = indicatorTrend(indicator, rows, points, period, clock, noise, v.deliveryDays);
      return c.json(finish({ ...about, ...notWeighted(query), ...report }));
    }
    // Each point's interval with the perturbation of its own blocks (not its whole series').
    const own = <T extends { series: { points: unknown[] }[] }>(r: T): T => {
      let i = 0;
      const noisy = noise ? { includesPerturbation: true as const } : {};
      const at = (p: unknown) => ({ ...finishAt(p as object, points[i++]!.group), ...noisy });
      return { ...r, series: r.series.map((s) => ({ ...s, points: s.points.map(at) })) };
    };
    const report = trendReport(v, points, overall, period, ctx.k, clock, noise);
    if (!fine) return c.json(finish({ ...about, ...own(report) }));
    const weights = await weightsOf(range, fine);
    return c.json(
      finish({
        ...about,
        weighted: true,
        weighting: weightingSummary(weights),
        ...own(weightTrend(report, fine, groupBy, weights, v.satisfaction)),
      }),
    );
  });

  app.get('/findings', ...staff, docs.findings, findingsHandler(deps));

  app.get('/comments', ...staff, docs.comments, async (c) => {
    const query = parseCommentsQuery(c.req.url);
    const user = userOf(c);
    if (query.exact) {
      assertExactAllowed(user);
      return c.json({ ...(await commentsReport(deps, user, query)), figures: 'exact' });
    }
    return c.json(
      await commentsReport(deps, user, query, await commentsProtection(deps, user, query)),
    );
  });

  app.get('/surveys', ...staff, docs.surveys, async (c) =>
    c.json({ surveys: await reportSurveys(deps.db) }),
  );

  app.get('/registry', ...staff, docs.registry, async (c) => {
    const registry = await deps.registry.snapshot();
    return c.json(visibleRegistry(registry, scopeOf(userOf(c))));
  });

  return app;
}
