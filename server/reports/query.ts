/**
 * The common report query (shared/API.md, Reports): survey, from, to, region, district, provider,
 * sector, channel, groupBy; `method` only for bottlenecks. Unknown parameter names or values, repeated
 * parameters and impossible dates are refused with 400 InvalidQuery naming them.
 */
import { z } from 'zod';
import { CHANNELS, FILTER_DIMS, SECTORS, type FilterDim } from '../../common/reports/dimensions.js';
import { AppError, type FieldMessage } from '../errors.js';
import { SLUG_PATTERN } from '../repos/surveys.js';
import { isIsoDay } from './periods.js';

export const GROUP_BY = [
  'region',
  'district',
  'provider',
  'sector',
  'month',
  'wave',
  'channel',
] as const;
export type GroupByDim = (typeof GROUP_BY)[number];

const code = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a registry code');
const day = z.string().refine(isIsoDay, 'must be a calendar day YYYY-MM-DD');

const groupBy = z.string().transform((value, ctx) => {
  const items = value === '' ? [] : value.split(',').map((s) => s.trim());
  const unknown = items.filter((i) => !(GROUP_BY as readonly string[]).includes(i));
  if (unknown.length) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown groupBy value: ${unknown.map((u) => JSON.stringify(u)).join(', ')}; use ${GROUP_BY.join(', ')}`,
    });
    return z.NEVER;
  }
  return [...new Set(items)] as GroupByDim[];
});

/** The selection every report shares: survey, day range and filters. */
export const selection = {
  survey: z.string().regex(SLUG_PATTERN, 'must be a survey slug'),
  from: day.optional(),
  to: day.optional(),
  region: code.optional(),
  district: code.optional(),
  provider: code.optional(),
  sector: z.enum(SECTORS).optional(),
  channel: z.enum(CHANNELS).optional(),
  /** `1`: exact figures (sociologists and admins only); protected figures otherwise. */
  exact: z.enum(['0', '1']).optional(),
};

/** `weighted=1`: rate rows weighted to the people served (docs/weights.md). */
const common = {
  ...selection,
  groupBy: groupBy.optional(),
  weighted: z.enum(['0', '1']).optional(),
};

export const reportQuery = z.object(common).strict();
export const bottleneckQuery = z
  .object({ ...common, method: z.enum(['spearman', 'pearson']).optional() })
  .strict();
/**
 * The trend also takes `indicator`: which indicator it follows (default `satisfaction`; the
 * survey decides which it has: indicator-trend.ts).
 */
export const trendQuery = z
  .object({
    ...common,
    indicator: z
      .string()
      .regex(/^(driver:)?[A-Za-z0-9_.-]{1,64}$/, 'must be an indicator name')
      .optional(),
  })
  .strict();

/** The reports served from the rollups; each reads only the counts it needs (context.ts). */
export const REPORT_KINDS = ['satisfaction', 'indicators', 'bottlenecks', 'trend'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportQuery {
  /** Which report is asking (it decides what is read); absent: another caller (reads everything). */
  report?: ReportKind;
  survey: string;
  from: string | null;
  to: string | null;
  filters: Partial<Record<FilterDim, string>>;
  groupBy: GroupByDim[];
  method: 'spearman' | 'pearson';
  /** Exact figures were asked for (`exact=1`). */
  exact?: boolean;
  /** Rate rows weighted to the people served (satisfaction report). */
  weighted: boolean;
  /** The indicator a trend follows (trend report only; `satisfaction` by default). */
  indicator?: string;
}

/**
 * Which report's counts a query reads (context.ts needOf): a trend of another indicator than
 * satisfaction reads what the indicators report reads.
 */
export function readsOf(query: Pick<ReportQuery, 'report' | 'indicator'>): ReportKind | undefined {
  return query.report === 'trend' && (query.indicator ?? 'satisfaction') !== 'satisfaction'
    ? 'indicators'
    : query.report;
}

function indicatorOf(q: object): string {
  return 'indicator' in q && typeof q.indicator === 'string' ? q.indicator : 'satisfaction';
}

function methodOf(q: object): ReportQuery['method'] {
  return 'method' in q && q.method === 'pearson' ? 'pearson' : 'spearman';
}

export function invalid(fields: FieldMessage[], what = 'report query'): AppError {
  const names = [...new Set(fields.map((f) => f.name))].join(', ');
  return new AppError('InvalidQuery', `the ${what} is not valid: ${names}`, fields);
}

/**
 * A query string checked against `schema`: repeated or unknown parameters, bad values and a
 * `from` after `to` are 400 InvalidQuery naming them. The one query parser of the reports and of
 * the admin routes that take a query (`what` names it in the message).
 */
export function parseParams<S extends z.ZodType<object>>(
  url: string,
  schema: S,
  what?: string,
): z.infer<S> {
  const params = new URL(url, 'http://localhost').searchParams;
  const raw: Record<string, string> = {};
  const repeated: FieldMessage[] = [];
  for (const [name, value] of params) {
    if (name in raw) repeated.push({ name, message: 'given more than once' });
    raw[name] = value;
  }
  if (repeated.length) throw invalid(repeated, what);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((k) => ({ name: k, message: 'unknown parameter' }))
          : [{ name: issue.path.join('.') || 'query', message: issue.message }],
      ),
      what,
    );
  }
  const { from, to } = parsed.data as { from?: unknown; to?: unknown };
  if (typeof from === 'string' && typeof to === 'string' && from > to) {
    throw invalid([{ name: 'from', message: 'is after to' }], what);
  }
  return parsed.data;
}

/** The filters that were given. */
export function filtersOf(q: Partial<Record<FilterDim, string>>) {
  const filters: ReportQuery['filters'] = {};
  for (const k of FILTER_DIMS) {
    const v = q[k];
    if (v !== undefined) filters[k] = v;
  }
  return filters;
}

/** Parses a report's query string; bottlenecks also admits `method`. */
export function parseReportQuery(url: string, report?: ReportKind): ReportQuery {
  const q = parseParams(
    url,
    report === 'bottlenecks' ? bottleneckQuery : report === 'trend' ? trendQuery : reportQuery,
  );
  const filters = filtersOf(q);
  return {
    ...(report ? { report } : {}),
    survey: q.survey,
    from: q.from ?? null,
    to: q.to ?? null,
    filters,
    groupBy: q.groupBy ?? [],
    method: methodOf(q),
    exact: q.exact === '1',
    weighted: 'weighted' in q && q.weighted === '1',
    ...(report === 'trend' ? { indicator: indicatorOf(q) } : {}),
  };
}
