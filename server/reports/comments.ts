/**
 * GET /api/reports/comments: the free-text comments of a selection, newest first, a page at a time.
 *
 * Honesty (shared/METRICS.md): comments are shown only when the selection as a whole — survey,
 * days, filters and the manager's regions — has at least k responses, counted exactly from the
 * rollups like every other report's n; otherwise `{ suppressed: true, comments: [] }`. A comment
 * tells its month (never the day or hour), its language and its region and sector; its provider
 * only when that provider has at least k responses in the selection; never the response's id.
 * Phone numbers, e-mail addresses and document numbers are masked here (mask.ts).
 *
 * This is the one report that reads raw responses (comment-rows.ts says why and how).
 */
import type { SessionUser } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import {
  commentVariables,
  readCommentRows,
  scoreVariables,
  type CommentRow,
} from './comment-rows.js';
import type { CommentsQuery } from './comments-query.js';
import { openCursor, sealCursor } from './cursor.js';
import { maskComment } from './mask.js';
import { readRollups, type RollupRead } from './rollup-reader.js';
import { assertFiltersInScope, scopeOf } from './scope.js';

export interface CommentItem {
  text: string;
  /** YYYY-MM */
  month: string;
  lang: string;
  group: { region: string | null; sector: string | null; provider?: string };
  /** The respondent's overall satisfaction, 1–5 (null: not answered). */
  satisfaction: number | null;
  /** The drivers they rated lowest and that score (none when they rated every driver the same). */
  lowest: string[];
  lowestScore: number | null;
}

export interface CommentsBody {
  survey: string;
  from: string | null;
  to: string | null;
  filters: CommentsQuery['filters'];
  k: number;
  suppressed: boolean;
  comments: CommentItem[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

/** Comment answers of one response are shown together, each on its own paragraph. */
const JOIN = '\n\n';

async function responsesBy(
  deps: Pick<AppDeps, 'db'>,
  read: RollupRead,
): Promise<Map<string | null, number>> {
  const groups = await readRollups(deps.db, { ...read, totalsOnly: true });
  return new Map(groups.map((g) => [g.group.provider ?? null, g.responses]));
}

/**
 * Protected comments (server/anonymity/comments.ts): the days read (whole frozen months), and the
 * responses per provider (null: all) counted from the frozen blocks instead of the rollups.
 */
export interface CommentsProtection {
  from: string | null;
  to: string | null;
  /** Only responses counted by the frozen blocks of these months (null: none at all). */
  blockMonths: { from: string; to: string } | null;
  responsesBy(groupBy: readonly 'provider'[]): Promise<Map<string | null, number>>;
  echo: Record<string, unknown>;
}

export async function commentsReport(
  deps: Pick<AppDeps, 'db' | 'catalog' | 'registry' | 'config' | 'secret'>,
  user: Pick<SessionUser, 'role' | 'regions'>,
  query: CommentsQuery,
  protection?: CommentsProtection,
): Promise<CommentsBody> {
  const scope = scopeOf(user);
  assertFiltersInScope(query.filters, scope, await deps.registry.snapshot());
  const survey = await deps.db
    .selectFrom('survey')
    .select(['id', 'slug'])
    .where('slug', '=', query.survey)
    .executeTakeFirst();
  if (!survey) throw new AppError('SurveyNotFound', `no survey "${query.survey}"`);
  const before = query.before === null ? null : openCursor(deps.secret, query.before);
  const k = deps.config.minCell;
  const { filters } = query;
  const from = protection ? protection.from : query.from;
  const to = protection ? protection.to : query.to;
  const echo = {
    survey: survey.slug,
    from: query.from,
    to: query.to,
    filters,
    k,
    ...protection?.echo,
  };
  const read: RollupRead = { surveyId: survey.id, from, to, filters, groupBy: [], scope };
  const countBy = (groupBy: readonly 'provider'[]) =>
    protection ? protection.responsesBy(groupBy) : responsesBy(deps, { ...read, groupBy });

  const total = (await countBy([])).get(null) ?? 0;
  if (total < k || protection?.blockMonths === null) {
    return { ...echo, suppressed: true, comments: [], next: null };
  }

  const [variables, scores] = await Promise.all([
    commentVariables(deps.db, survey.id),
    scoreVariables(deps.db, survey.id),
  ]);
  const { rows, more } = await readCommentRows(
    deps.db,
    {
      surveyId: survey.id,
      // Protected: the frozen months' members, whatever their day.
      ...(protection?.blockMonths
        ? { from: null, to: null, blockMonths: protection.blockMonths }
        : { from, to }),
      filters,
      scope,
      variables,
      scores,
      match: query.match,
    },
    before,
    query.limit,
  );
  const providers = rows.some((r) => r.provider !== null)
    ? await countBy(['provider'])
    : new Map<string | null, number>();
  const item = (r: CommentRow): CommentItem => {
    const showProvider = r.provider !== null && (providers.get(r.provider) ?? 0) >= k;
    return {
      text: maskComment(r.texts.join(JOIN)),
      month: r.day.slice(0, 7),
      lang: r.lang,
      group: {
        region: r.region,
        sector: r.sector,
        ...(showProvider && r.provider !== null ? { provider: r.provider } : {}),
      },
      satisfaction: r.satisfaction,
      lowest: r.lowest,
      lowestScore: r.lowestScore,
    };
  };
  const last = rows.at(-1);
  return {
    ...echo,
    suppressed: false,
    comments: rows.map(item),
    next: more && last ? sealCursor(deps.secret, last) : null,
  };
}
