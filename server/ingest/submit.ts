/**
 * The ingest service: one citizen submission, from its parsed fields to the stored response.
 * Every way a response arrives (the JSON API, the no-JavaScript form) goes through here, so each
 * is validated against the exact version, counted the same way and acknowledged only after its
 * transaction has committed. The caller parses its own format and maps the outcome to its own
 * answer; it never sees the database.
 */
import { AppError } from '../errors.js';
import { verifyContext } from '../links/context.js';
import { completeContext, responseDims } from '../links/resolve.js';
import { checkToken, type CheckedToken } from '../links/tokens.js';
import { canonicalJson, sha256 } from '../survey/canonical.js';
import type { SurveyCatalog, SurveyEntry } from '../survey/catalog.js';
import { contextVariables, type Lang, type LinkContext } from '../../common/survey/types.js';
import type { AppDeps } from '../deps.js';
import { extractFacts } from './facts.js';
import { dayStamp, stamp } from './time.js';

/** What a citizen sent, already parsed from its format. */
export interface Submission {
  /** The UUID the client made before the first try. */
  id: string;
  answers: Record<string, unknown>;
  lang?: Lang | undefined;
  /** A signed context link. */
  c?: string | undefined;
  /** A one-time service-event token. */
  t?: string | undefined;
  /** The version the citizen was shown; the newest when absent. */
  version?: number | undefined;
  /** When the page was shown, by the client's clock (ISO 8601). */
  startedAt?: string | undefined;
  /** The honeypot field: anything in it means a bot filled the form. */
  website?: string | undefined;
}

export interface Accepted {
  /** `true`: stored now (201); `false`: a retry of a response stored before (200). */
  created: boolean;
  id: string;
  receivedAt: string;
}

/** A signed context link (`c`) or a one-time token (`t`), resolved for one survey. */
export interface ResolvedLink {
  /** What fixes the response's dimensions. */
  ctx: LinkContext;
  /** What the survey page is told. */
  context: LinkContext;
  token?: CheckedToken;
}

/**
 * `submit`: resolving for a submission, where a used token passes (its retry is settled by the
 * response id); `open`: for opening the survey, where a used token looks exactly like an unused one.
 */
export async function resolveLink(
  deps: Pick<AppDeps, 'db' | 'secret' | 'registry'> & { catalog: SurveyCatalog },
  survey: { id: number; slug: string },
  c: string | undefined,
  t: string | undefined,
  at: Date,
  mode: 'open' | 'submit',
): Promise<ResolvedLink> {
  if (t !== undefined) {
    if (c !== undefined) {
      throw new AppError('InvalidContext', 'a link carries either c or t, not both');
    }
    const token = await checkToken(deps.db, t, survey.id, at, mode);
    return { ctx: token.link, context: token.link, token };
  }
  if (c === undefined) return { ctx: {}, context: {} };
  const ctx = verifyContext(deps.secret, survey.slug, c);
  if (!ctx) throw new AppError('InvalidContext', 'this link is not valid');
  const complete = completeContext(await deps.registry.snapshot(), ctx);
  return { ctx: complete, context: complete };
}

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

/**
 * Validates and stores one submission to the open survey `survey`. Resolves once the response is
 * committed (or found stored by an earlier try of the same id); throws an AppError for anything
 * the citizen should be told (invalid answers, a used link, a full quota, a different response
 * under the same id).
 */
export async function submitResponse(
  deps: AppDeps,
  survey: SurveyEntry,
  body: Submission,
  at: Date,
): Promise<Accepted> {
  const { catalog, writer, config } = deps;
  if (body.website) throw new AppError('Rejected', 'this submission was refused');
  refuseTooFast(body.startedAt, at, config.minCompletionSeconds);
  const version = await catalog.version(survey, body.version);
  const { ctx, token } = await resolveLink(deps, survey, body.c, body.t, at, 'submit');
  const result = await version.validator.validate(body.answers, contextVariables(ctx));
  if (!result.ok) {
    throw new AppError('InvalidAnswers', 'some answers are not valid', result.fields);
  }
  const registry = await deps.registry.snapshot();
  const dims = responseDims(registry, ctx, version.roles, result.data);
  const lang = body.lang ?? 'uz';
  // Through a one-time link, the day only: its issuer knows the citizen's service and must not
  // learn from the response's time when they answered.
  const received = (token ? dayStamp : stamp)(new Date(), config.utcOffsetMinutes);
  const id = body.id.toLowerCase();
  const serviceDays = token?.serviceDays ?? null;
  const outcome = await writer.submit({
    row: {
      id,
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
      service_days: serviceDays,
    },
    facts: extractFacts(version.roles, result.data, serviceDays),
    stamp: received,
    ...(token ? { token: { hash: token.hash, now: at.toISOString() } } : {}),
    ...(dims.region ? { quota: { region: dims.region } } : {}),
  });
  if (outcome.kind === 'conflict') {
    throw new AppError('DuplicateId', 'a different response was already stored with this id');
  }
  return { created: outcome.kind === 'created', id, receivedAt: outcome.receivedAt };
}
