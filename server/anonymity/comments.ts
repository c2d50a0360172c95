/**
 * Protected comments: the comments of the responses counted by the frozen blocks of whole closed
 * months only (a late response's comment is among its block month's, never shown earlier; a
 * comment tells its month, never its day), shown when the selection's protected n (a sum of frozen blocks) reaches k; a comment
 * names its provider only when that provider's protected n in the selection does, and never when
 * the selection is by channel (providers are not in the channel grid).
 */
import type { SessionUser } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { CommentsProtection } from '../reports/comments.js';
import type { CommentsQuery } from '../reports/comments-query.js';
import { protectedContext } from './context.js';

export async function commentsProtection(
  deps: Pick<AppDeps, 'db' | 'catalog' | 'registry' | 'config' | 'now'>,
  user: Pick<SessionUser, 'role' | 'regions'>,
  query: CommentsQuery,
): Promise<CommentsProtection> {
  const ctx = await protectedContext(deps, user, {
    survey: query.survey,
    from: query.from,
    to: query.to,
    filters: query.filters,
    groupBy: [],
    method: 'spearman',
    weighted: false,
  });
  const period = ctx.period;
  return {
    from: period?.from ?? '9999-12-31',
    to: period?.to ?? '9999-12-31',
    blockMonths: period ? { from: period.from.slice(0, 7), to: period.to.slice(0, 7) } : null,
    echo: { figures: 'perturbed', period, figuresPeriod: period },
    async responsesBy(groupBy) {
      try {
        const groups = await ctx.read(groupBy);
        return new Map(groups.map((g) => [g.group.provider ?? null, g.responses]));
      } catch (error) {
        if (error instanceof AppError && error.code === 'CrossesGrids') return new Map();
        throw error;
      }
    },
  };
}
