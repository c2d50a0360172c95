/**
 * The comments report's query: the selection every report shares (survey, from, to, region,
 * district, provider, sector, channel) and paging — `limit` (1–200, default 50) comments a page,
 * `before` the `next` cursor of the previous page. No groupBy: the selection is the one group.
 */
import { z } from 'zod';
import { filtersOf, parseParams, selection, type ReportQuery } from './query.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const schema = z
  .object({
    ...selection,
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'must be a whole number')
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_LIMIT, `must be from 1 to ${MAX_LIMIT}`)
      .optional(),
    before: z.string().min(1).max(512).optional(),
  })
  .strict();

export interface CommentsQuery {
  survey: string;
  from: string | null;
  to: string | null;
  filters: ReportQuery['filters'];
  limit: number;
  before: string | null;
  exact: boolean;
}

export function parseCommentsQuery(url: string): CommentsQuery {
  const q = parseParams(url, schema);
  return {
    survey: q.survey,
    from: q.from ?? null,
    to: q.to ?? null,
    filters: filtersOf(q),
    limit: q.limit ?? DEFAULT_LIMIT,
    before: q.before ?? null,
    exact: q.exact === '1',
  };
}
