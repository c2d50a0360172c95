/**
 * The comments report's query: the selection every report shares (survey, from, to, region,
 * district, provider, sector, channel) and paging — `limit` (1–200, default 50) comments a page,
 * `before` the `next` cursor of the previous page. No groupBy: the selection is the one group.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../common/survey/types.js';
import type { CommentMatch } from './comment-rows.js';
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
    /** Only comments written in this language. */
    lang: z.enum(LANGUAGES).optional(),
    /** Only respondents who rated this driver lowest. */
    driver: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be a driver name')
      .optional(),
    /** Only respondents with this overall satisfaction score. */
    score: z.enum(['1', '2', '3', '4', '5']).transform(Number).optional(),
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
  /** What the respondent said: language, the driver rated lowest, satisfaction score. */
  match: CommentMatch;
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
    match: {
      ...(q.lang !== undefined ? { lang: q.lang } : {}),
      ...(q.driver !== undefined ? { driver: q.driver } : {}),
      ...(q.score !== undefined ? { score: q.score } : {}),
    },
  };
}
