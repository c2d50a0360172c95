/**
 * Who sees what is one rule (shared/METRICS.md, Disclosure control, item 6): every report serves
 * protected figures (sums of frozen blocks) unless a sociologist or an admin asks for exact ones
 * with `exact=1`; a manager asking for them is refused (403). Every report says which it shows
 * (`figures`), and protected ones which whole months they cover (`period`).
 */
import type { SessionUser } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { reportContext, type ReportContext } from '../reports/context.js';
import type { ReportQuery } from '../reports/query.js';
import { protectedContext, type Period } from './context.js';
import { finishProtected, rateNoiseVariance } from './intervals.js';
import { NO_COUNT_NOISE, type RateNoise } from '../reports/rate-noise.js';
import type { Group } from '../reports/rollup-reader.js';
import type { Noise } from './blocks.js';

export interface Figures {
  ctx: ReportContext;
  /** The dates the figures cover: the snapped period, or the query's own for exact figures. */
  range: { from: string | null; to: string | null };
  /** The report body as served (protected: intervals widened, small n without a rate). */
  finish<T extends object>(body: T): T;
  /**
   * The same, for a part of a body that stands for one group a read returned although it carries
   * no `group` of its own (a trend's point: its series' group leaves out the period).
   */
  finishAt<T extends object>(body: T, group: Group): T;
  /** The perturbation's variance of a group's rate and of its rest's; null when exact. */
  noise: RateNoise | null;
}

/** Refuses exact figures to anyone but sociologists and admins. */
export function assertExactAllowed(user: Pick<SessionUser, 'role'>): void {
  if (user.role !== 'sociologist' && user.role !== 'admin') {
    throw new AppError(
      'Forbidden',
      'exact figures are for sociologists and admins; reports for managers show protected figures',
    );
  }
}

export async function figuresFor(
  deps: Pick<AppDeps, 'db' | 'catalog' | 'registry' | 'config' | 'now' | 'storage'>,
  user: Pick<SessionUser, 'role' | 'regions'>,
  query: ReportQuery,
): Promise<Figures> {
  if (query.exact) {
    assertExactAllowed(user);
    const ctx = await reportContext(deps, user, query);
    const echo = { ...ctx.echo, figures: 'exact' as const };
    return {
      ctx: { ...ctx, echo },
      range: { from: query.from, to: query.to },
      finish: (body) => body,
      finishAt: (body) => body,
      noise: null,
    };
  }
  const ctx = await protectedContext(deps, user, query);
  const period: Period | null = ctx.period;
  return {
    ctx,
    // No frozen month: an empty range (no volumes either).
    range: period ?? { from: '9999-12-31', to: '9999-12-31' },
    finish: (body) => finishProtected(body, ctx.noiseOf, ctx.displayMinN) as typeof body,
    finishAt: (body, at) =>
      finishProtected(body, (group) => ctx.noiseOf(group ?? at), ctx.displayMinN) as typeof body,
    noise: rateNoiseOf(ctx.noiseOf, ctx.displayMinN),
  };
}

/** The perturbation's variance of rates and counts, from each group's blocks' noise. */
export function rateNoiseOf(
  noiseOf: (group: Group | undefined) => Noise,
  displayMinN: number,
): RateNoise {
  return {
    displayMinN,
    of: (group, x, n) => (n > 0 ? rateNoiseVariance(x / n, n, noiseOf(group)) : 0),
    // The rest's blocks: the overall's less the group's, with the overall's mean variance.
    ofRest: (group, x, n) => {
      const all = noiseOf(undefined);
      const rest = { ...all, blocks: Math.max(0, all.blocks - noiseOf(group).blocks) };
      return n > 0 ? rateNoiseVariance(x / n, n, rest) : 0;
    },
    detail: (group) => noiseOf(group).detail?.() ?? NO_COUNT_NOISE,
  };
}
