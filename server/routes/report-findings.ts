/**
 * GET /api/reports/findings (docs/api.md): what the dashboard opens with — the ranked findings
 * (server/reports/findings.ts) and each headline tile's change against the previous comparable
 * period (server/reports/period-change.ts). Every figure is the one the bottleneck, trend and
 * indicators reports give for the same selection and role: protected for managers, exact on
 * `exact=1` for sociologists and admins.
 */
import type { Context } from 'hono';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { figuresFor } from '../anonymity/figures.js';
import { bottlenecksReport } from '../reports/bottlenecks.js';
import { rankFindings, type SystemicGroupInput } from '../reports/findings.js';
import { indicatorsReport } from '../reports/indicators.js';
import {
  comparablePeriods,
  rateChange,
  ratioChange,
  tileFamily,
  valueChange,
  type DayRange,
} from '../reports/period-change.js';
import { parseReportQuery, type ReportQuery } from '../reports/query.js';
import { scopeOf } from '../reports/scope.js';
import { trendReport } from '../reports/trend.js';
import { loadServiceVolumes } from '../reports/volumes.js';

type Deps = AppDeps;
type User = NonNullable<AuthEnv['Variables']['user']>;

interface StepPoint {
  period: string | null;
  rate: number | null;
  n: number | null;
  change: {
    from: string | null;
    diff: number;
    ci95: [number, number];
    significant: boolean;
  } | null;
}

/** The local day of the report. */
function today(deps: Deps): string {
  const now = (deps.now ?? Date.now)() + deps.config.utcOffsetMinutes * 60_000;
  return new Date(now).toISOString().slice(0, 10);
}

/** The overall indicators of one period, as served, with what its rates carry besides sampling. */
async function indicatorsOf(deps: Deps, user: User, query: ReportQuery, range: DayRange) {
  const q: ReportQuery = { ...query, report: 'indicators', groupBy: [], ...range };
  const { ctx, finish, noise, range: covered } = await figuresFor(deps, user, q);
  const [overall, volumesOf] = await Promise.all([
    ctx.readOverall(),
    query.filters.channel !== undefined
      ? () => null
      : loadServiceVolumes(deps.db, await deps.registry.snapshot(), {
          ...q,
          ...covered,
          scope: scopeOf(user),
          waves: [],
        }),
  ]);
  const raw = indicatorsReport(
    ctx.survey.variables,
    [],
    overall,
    ctx.k,
    undefined,
    volumesOf,
    noise,
  );
  const shown = finish({ overall: raw.overall }).overall;
  const added = (rate: number | null, n: number | null) =>
    noise && rate !== null && n ? noise.of({}, rate * n, n) : 0;
  return { row: shown, added, covered };
}

async function tileChanges(deps: Deps, user: User, query: ReportQuery) {
  const periods = comparablePeriods(query.from, query.to, today(deps));
  const [cur, prev] = await Promise.all([
    indicatorsOf(deps, user, query, periods.current),
    indicatorsOf(deps, user, query, periods.previous),
  ]);
  const rate = (pick: (r: typeof cur.row) => { rate: number | null; n: number | null } | null) => {
    const a = pick(cur.row);
    const b = pick(prev.row);
    if (!a || !b) return null;
    return rateChange(
      { rate: a.rate, n: a.n, added: cur.added(a.rate, a.n) },
      { rate: b.rate, n: b.n, added: prev.added(b.rate, b.n) },
    );
  };
  const c = cur.row;
  const p = prev.row;
  return {
    current: cur.covered,
    previous: prev.covered,
    tiles: tileFamily({
      satisfaction: rate((r) => r.satisfaction),
      trust: rate((r) => r.trust),
      kpi: valueChange(
        { value: c.kpi.index, ci95: c.kpi.ci95 },
        { value: p.kpi.index, ci95: p.kpi.ci95 },
      ),
      delivery: valueChange(
        { value: c.deliveryTime?.median ?? null, ci95: c.deliveryTime?.medianCi95 ?? null },
        { value: p.deliveryTime?.median ?? null, ci95: p.deliveryTime?.medianCi95 ?? null },
      ),
      affordability: valueChange(
        { value: c.affordability?.index ?? null, ci95: c.affordability?.ci95 ?? null },
        { value: p.affordability?.index ?? null, ci95: p.affordability?.ci95 ?? null },
      ),
      responseRate: ratioChange(c.responseRate, p.responseRate),
      coverage: ratioChange(c.coverage, p.coverage),
    }),
  };
}

export function findingsHandler(deps: Deps) {
  return async (c: Context<AuthEnv>) => {
    const user = c.get('user');
    if (!user) throw new AppError('Unauthenticated', 'sign in first');
    const query = parseReportQuery(c.req.url, 'bottlenecks');
    const { ctx, finish, noise } = await figuresFor(deps, user, { ...query, groupBy: [] });
    const [overall, regions, providers, sectors, months] = await Promise.all([
      ctx.readOverall(),
      ctx.read(['region']),
      ctx.read(['provider']),
      ctx.read(['sector']),
      ctx.read(['month']),
    ]);
    const v = ctx.survey.variables;
    const counts = { overall, regions, sectors };
    const byRegion = finish(
      bottlenecksReport(v, { ...counts, groupBy: [], groups: [] }, query.method, ctx.k, noise),
    );
    const byProvider = finish(
      bottlenecksReport(
        v,
        { ...counts, groupBy: ['provider'], groups: providers },
        query.method,
        ctx.k,
        noise,
      ),
    );
    const clock = { today: today(deps), from: ctx.echo.from, to: ctx.echo.to };
    const trend = finish(trendReport(v, months, overall, 'month', ctx.k, clock, noise));
    const points = (trend.series[0]?.points ?? []) as StepPoint[];
    const last = [...points].reverse().find((pt) => pt.change !== null) ?? null;
    const registry = await deps.registry.snapshot();
    const regionOf = new Map(registry.providers.map((p) => [p.code, p.region]));
    const findings = rankFindings({
      regions: byRegion.systemic.groups as SystemicGroupInput[],
      providers: byProvider.systemic.groups as SystemicGroupInput[],
      regionOf: (code) => regionOf.get(code) ?? null,
      lastStep:
        last && last.change && last.period
          ? { period: last.period, rate: last.rate, n: last.n, ...last.change }
          : null,
    });
    return c.json({
      ...ctx.echo,
      groupBy: [],
      ranking:
        'groups significantly below the rest (bottlenecks, systemic test) and a significant change in the last complete month (trend), ranked by respondents behind each: −gap × n, |change| × n',
      findings,
      changes: await tileChanges(deps, user, query),
    });
  };
}
