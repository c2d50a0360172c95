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
import { bottlenecksReport } from '../reports/bottlenecks.js';
import { commentsReport } from '../reports/comments.js';
import { parseCommentsQuery } from '../reports/comments-query.js';
import { reportContext, type ReportContext } from '../reports/context.js';
import { indicatorsReport } from '../reports/indicators.js';
import { parseReportQuery, type GroupByDim, type ReportKind } from '../reports/query.js';
import { visibleRegistry } from '../reports/report-registry.js';
import { reportSurveys } from '../reports/report-surveys.js';
import { satisfactionReport } from '../reports/satisfaction.js';
import { trendReport } from '../reports/trend.js';
import { scopeOf } from '../reports/scope.js';
import { loadServiceVolumes } from '../reports/volumes.js';

export function reportRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const staff = [requireUser(deps), requireRole('manager', 'sociologist', 'admin')] as const;

  /** No groupBy: no groups, only the overall. */
  const groupsOf = (ctx: ReportContext, groupBy: readonly GroupByDim[]) =>
    groupBy.length ? ctx.read(groupBy) : Promise.resolve([]);

  const userOf = (c: Context<AuthEnv>) => {
    const user = c.get('user');
    if (!user) throw new AppError('Unauthenticated', 'sign in first');
    return user;
  };

  const prepare = async (c: Context<AuthEnv>, report: ReportKind) => {
    const user = userOf(c);
    const query = parseReportQuery(c.req.url, report);
    return { query, ctx: await reportContext(deps, user, query) };
  };

  app.get('/satisfaction', ...staff, async (c) => {
    const { query, ctx } = await prepare(c, 'satisfaction');
    const [groups, overall] = await Promise.all([groupsOf(ctx, query.groupBy), ctx.readOverall()]);
    const report = satisfactionReport(ctx.survey.variables, groups, overall, ctx.k);
    return c.json({ ...ctx.echo, groupBy: query.groupBy, ...report });
  });

  app.get('/indicators', ...staff, async (c) => {
    const { query, ctx } = await prepare(c, 'indicators');
    const waves = query.groupBy.includes('wave') ? await ctx.waves() : [];
    // Volumes are not recorded per channel: a channel filter leaves the response rate and the
    // coverage without a denominator (null, never a wrong number).
    const [groups, overall, volumesOf] = await Promise.all([
      groupsOf(ctx, query.groupBy),
      ctx.readOverall(),
      query.filters.channel !== undefined
        ? () => null
        : loadServiceVolumes(deps.db, await deps.catalog.registrySnapshot(), {
            ...query,
            scope: scopeOf(userOf(c)),
            waves,
          }),
    ]);
    const report = indicatorsReport(
      ctx.survey.variables,
      groups,
      overall,
      ctx.k,
      undefined,
      volumesOf,
    );
    return c.json({ ...ctx.echo, groupBy: query.groupBy, ...report });
  });

  app.get('/bottlenecks', ...staff, async (c) => {
    const { query, ctx } = await prepare(c, 'bottlenecks');
    const [groups, overall, regions, sectors, regionSectors] = await Promise.all([
      groupsOf(ctx, query.groupBy),
      ctx.readOverall(),
      ctx.read(['region']),
      ctx.read(['sector']),
      ctx.read(['region', 'sector']),
    ]);
    const counts = { groupBy: query.groupBy, groups, overall, regions, sectors, regionSectors };
    const report = bottlenecksReport(ctx.survey.variables, counts, query.method, ctx.k);
    return c.json({ ...ctx.echo, groupBy: query.groupBy, ...report });
  });

  app.get('/trend', ...staff, async (c) => {
    const { query, ctx } = await prepare(c, 'trend');
    const period: 'wave' | 'month' = query.groupBy.includes('wave') ? 'wave' : 'month';
    const groupBy: GroupByDim[] = [...query.groupBy.filter((d) => d !== period), period];
    const [points, overall, waves] = await Promise.all([
      ctx.read(groupBy),
      ctx.readOverall(),
      period === 'wave' ? ctx.waves() : Promise.resolve([]),
    ]);
    // The local day of the report: a period that has not ended by it is still running.
    const now = (deps.now ?? Date.now)() + deps.config.utcOffsetMinutes * 60_000;
    const today = new Date(now).toISOString().slice(0, 10);
    const clock = { today, from: ctx.echo.from, to: ctx.echo.to, waves };
    const report = trendReport(ctx.survey.variables, points, overall, period, ctx.k, clock);
    return c.json({ ...ctx.echo, groupBy, ...report });
  });

  app.get('/comments', ...staff, async (c) => {
    const query = parseCommentsQuery(c.req.url);
    return c.json(await commentsReport(deps, userOf(c), query));
  });

  app.get('/surveys', ...staff, async (c) => c.json({ surveys: await reportSurveys(deps.db) }));

  app.get('/registry', ...staff, async (c) => {
    const registry = await deps.catalog.registrySnapshot();
    return c.json(visibleRegistry(registry, scopeOf(userOf(c))));
  });

  return app;
}
