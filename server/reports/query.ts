/**
 * The common report query (shared/API.md, Reports): survey, from, to, region, district, provider,
 * sector, groupBy; `method` only for bottlenecks. Unknown parameter names or values, repeated
 * parameters and impossible dates are refused with 400 InvalidQuery naming them.
 */
import { z } from 'zod';
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

export const SECTORS = ['state', 'ngo', 'private', 'ppp'] as const;

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

const common = {
  survey: z.string().regex(SLUG_PATTERN, 'must be a survey slug'),
  from: day.optional(),
  to: day.optional(),
  region: code.optional(),
  district: code.optional(),
  provider: code.optional(),
  sector: z.enum(SECTORS).optional(),
  groupBy: groupBy.optional(),
};

const reportQuery = z.object(common).strict();
const bottleneckQuery = z
  .object({ ...common, method: z.enum(['spearman', 'pearson']).optional() })
  .strict();

export interface ReportQuery {
  survey: string;
  from: string | null;
  to: string | null;
  filters: { region?: string; district?: string; provider?: string; sector?: string };
  groupBy: GroupByDim[];
  method: 'spearman' | 'pearson';
}

function methodOf(q: object): ReportQuery['method'] {
  return 'method' in q && q.method === 'pearson' ? 'pearson' : 'spearman';
}

function invalid(fields: FieldMessage[]): AppError {
  const names = [...new Set(fields.map((f) => f.name))].join(', ');
  return new AppError('InvalidQuery', `the report query is not valid: ${names}`, fields);
}

/** Parses a report's query string; `withMethod` admits `method` (bottlenecks). */
export function parseReportQuery(url: string, withMethod = false): ReportQuery {
  const params = new URL(url, 'http://localhost').searchParams;
  const raw: Record<string, string> = {};
  const repeated: FieldMessage[] = [];
  for (const [name, value] of params) {
    if (name in raw) repeated.push({ name, message: 'given more than once' });
    raw[name] = value;
  }
  if (repeated.length) throw invalid(repeated);
  const parsed = (withMethod ? bottleneckQuery : reportQuery).safeParse(raw);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((k) => ({ name: k, message: 'unknown parameter' }))
          : [{ name: issue.path.join('.') || 'query', message: issue.message }],
      ),
    );
  }
  const q = parsed.data;
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw invalid([{ name: 'from', message: 'is after to' }]);
  }
  const filters: ReportQuery['filters'] = {};
  for (const k of ['region', 'district', 'provider', 'sector'] as const) {
    const v = q[k];
    if (v !== undefined) filters[k] = v;
  }
  return {
    survey: q.survey,
    from: q.from ?? null,
    to: q.to ?? null,
    filters,
    groupBy: q.groupBy ?? [],
    method: methodOf(q),
  };
}
