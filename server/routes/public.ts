/** The citizen's API: read a survey, submit a response. No login. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { cachedJson } from '../http/cached-json.js';
import { readBody } from '../http/read-body.js';
import { extractFacts } from '../ingest/facts.js';
import { stamp } from '../ingest/time.js';
import { verifyContext } from '../links/context.js';
import { completeContext, responseDims } from '../links/resolve.js';
import {
  checkToken,
  redeemOutcome,
  type CheckedToken,
  type TokenContext,
} from '../links/tokens.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { requireJson } from '../middleware/require-json.js';
import { quotaClaimer } from '../repos/quotas.js';
import { SLUG_PATTERN } from '../repos/surveys.js';
import { tokenRedeemer } from '../repos/tokens.js';
import { canonicalJson, sha256 } from '../survey/canonical.js';
import { contextVariables, LANGUAGES, type LinkContext } from '../survey/types.js';
import type { AppDeps } from '../deps.js';

export const MAX_BODY_BYTES = 64 * 1024;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const submission = z.object({
  id: z.uuid({ message: 'must be a UUID made by the client' }),
  answers: z.custom<Record<string, unknown>>(isPlainObject, {
    message: 'must be an object of answers',
  }),
  lang: z.enum(LANGUAGES).optional(),
  c: z.string().max(1024).optional(),
  t: z.string().max(256).optional(),
  version: z.number().int().positive().optional(),
  startedAt: z.string().max(64).optional(),
  meta: z.custom<Record<string, unknown>>(isPlainObject).optional(),
  /** The honeypot: a form field people never see; anything in it means a bot filled the form. */
  website: z.string().max(1024).optional(),
});

/**
 * 400 TooFast (with Retry-After) when the form was sent sooner than `minSeconds` after `startedAt`,
 * the time the page was shown by the client's clock. A speed bump for naive bots, not a wall: an
 * unreadable time, or one ahead of the server's clock, proves nothing and passes, and a retry of
 * the same submission a moment later succeeds.
 */
function refuseTooFast(startedAt: string | undefined, at: Date, minSeconds: number): void {
  if (startedAt === undefined || minSeconds <= 0) return;
  const shown = Date.parse(startedAt);
  if (Number.isNaN(shown)) return;
  const elapsed = (at.getTime() - shown) / 1000;
  if (elapsed >= 0 && elapsed < minSeconds) {
    throw new AppError(
      'TooFast',
      'the form was sent very quickly; please wait a moment and send it again',
      undefined,
      Math.max(1, Math.ceil(minSeconds - elapsed)),
    );
  }
}

function slugOf(c: Context): string {
  const slug = c.req.param('slug') ?? '';
  if (!SLUG_PATTERN.test(slug)) throw new AppError('SurveyNotFound', 'no such survey');
  return slug;
}

interface ResolvedLink {
  /** What fixes the response's dimensions. */
  ctx: LinkContext;
  /** What the survey page is told. */
  context: TokenContext;
  token?: CheckedToken;
}

export function publicRoutes(deps: AppDeps): Hono {
  const { catalog, writer, config } = deps;
  const app = new Hono();
  const now = () => new Date(deps.now ? deps.now() : Date.now());
  const redeem = tokenRedeemer(deps.db, deps.sqlite);
  const claimQuota = quotaClaimer(deps.db, deps.sqlite);
  /**
   * A submission's checks inside the response transaction, under one savepoint: if one refuses,
   * the others' changes are undone too (a full quota does not use up the token, nor the reverse).
   */
  const inSavepoint = deps.sqlite.transaction((checks: ReadonlyArray<() => void>) => {
    for (const check of checks) check();
  });

  /** A signed context link (`c`) or a one-time token (`t`); `allowUsed`: see checkToken. */
  async function linkContext(
    surveyId: number,
    c: string | undefined,
    t: string | undefined,
    at: Date,
    allowUsed = false,
  ): Promise<ResolvedLink> {
    if (t !== undefined) {
      if (c !== undefined) {
        throw new AppError('InvalidContext', 'a link carries either c or t, not both');
      }
      const token = await checkToken(deps.db, t, surveyId, at, { allowUsed });
      return { ctx: token.link, context: token.context, token };
    }
    if (c === undefined) return { ctx: {}, context: {} };
    const ctx = verifyContext(deps.secret, c);
    if (!ctx) throw new AppError('InvalidContext', 'this link is not valid');
    const complete = completeContext(await catalog.registrySnapshot(), ctx);
    return { ctx: complete, context: complete };
  }

  app.get('/surveys/:slug', async (c) => {
    const survey = await catalog.openSurvey(slugOf(c));
    const { context } = await linkContext(survey.id, c.req.query('c'), c.req.query('t'), now());
    const v = survey.latest;
    return cachedJson(c, {
      slug: survey.slug,
      version: v.version,
      title: v.title,
      languages: v.languages,
      json: v.json,
      ...(Object.keys(context).length ? { context } : {}),
    });
  });

  app.post(
    '/surveys/:slug/responses',
    rateLimit(config.rateLimitPerMinute),
    requireJson,
    async (c) => {
      const text = await readBody(c, MAX_BODY_BYTES);
      const survey = await catalog.openSurvey(slugOf(c));
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw new AppError('BadRequest', 'the body is not valid JSON');
      }
      const parsed = submission.safeParse(raw);
      if (!parsed.success) {
        throw new AppError(
          'InvalidBody',
          'the submission is malformed',
          parsed.error.issues.map((i) => ({
            name: i.path.join('.') || 'body',
            message: i.message,
          })),
        );
      }
      const body = parsed.data;
      if (body.website) throw new AppError('Rejected', 'this submission was refused');
      const at = now();
      refuseTooFast(body.startedAt, at, config.minCompletionSeconds);
      const version = await catalog.version(survey, body.version);
      const { ctx, token } = await linkContext(survey.id, body.c, body.t, at, true);
      const result = version.validator.validate(body.answers, contextVariables(ctx));
      if (!result.ok) {
        throw new AppError('InvalidAnswers', 'some answers are not valid', result.fields);
      }
      const registry = await catalog.registrySnapshot();
      const dims = responseDims(registry, ctx, version.roles, result.data);
      const lang = body.lang ?? 'uz';
      const received = stamp(new Date(), config.utcOffsetMinutes);
      const checks: Array<() => void> = [];
      if (token) checks.push(() => redeemOutcome(redeem(token.hash, at.toISOString())));
      const region = dims.region;
      if (region) {
        checks.push(() => {
          if (!claimQuota(survey.id, region, received.day)) {
            throw new AppError(
              'QuotaReached',
              'this region has given all the answers this wave needs',
            );
          }
        });
      }
      const outcome = await writer.submit({
        row: {
          id: body.id.toLowerCase(),
          survey_id: survey.id,
          version_id: version.id,
          ...dims,
          lang,
          answers: JSON.stringify(result.data),
          // Never the token: a response must not confirm which link it came from.
          request_hash: sha256(
            canonicalJson({
              slug: survey.slug,
              version: version.version,
              answers: body.answers,
              lang,
              c: body.c ?? null,
            }),
          ),
          service_days: token?.serviceDays ?? null,
        },
        facts: extractFacts(version.roles, result.data, token?.serviceDays ?? null),
        stamp: received,
        // In the response's own transaction, after the writer looked for a retry of this id.
        ...(checks.length ? { beforeInsert: () => inSavepoint(checks) } : {}),
      });
      if (outcome.kind === 'conflict') {
        throw new AppError('DuplicateId', 'a different response was already stored with this id');
      }
      return c.json(
        { id: body.id.toLowerCase(), receivedAt: outcome.receivedAt },
        outcome.kind === 'created' ? 201 : 200,
      );
    },
  );

  return app;
}
