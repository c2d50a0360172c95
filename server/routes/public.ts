/** The citizen's API: read a survey, submit a response. No login. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { cachedJson } from '../http/cached-json.js';
import { doc } from '../http/openapi.js';
import { parseJsonText } from '../http/json-text.js';
import { readBody } from '../http/read-body.js';
import { resolveLink, submitResponse } from '../ingest/submit.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { requireJson } from '../middleware/require-json.js';
import { SLUG_PATTERN } from '../repos/surveys.js';
import { LANGUAGES } from '../../common/survey/types.js';
import type { AppDeps } from '../deps.js';
import { MAX_JSON_BODY_BYTES } from '../../common/limits.js';

export const MAX_BODY_BYTES = MAX_JSON_BODY_BYTES;

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

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Citizens'];
const linkQuery = z.object({
  c: z.string().optional().describe('A signed context (region, district, provider, channel)'),
  t: z.string().optional().describe('A one-time service-event token'),
});
export const publicSurvey = z.object({
  slug: z.string(),
  version: z.number().int(),
  title: z.unknown(),
  languages: z.array(z.enum(LANGUAGES)),
  json: z.record(z.string(), z.unknown()),
  context: z.record(z.string(), z.string()).optional(),
});
const receipt = z.object({ id: z.uuid(), receivedAt: z.string() });
const docs = {
  survey: doc({
    summary: "A survey's questionnaire (compressed, with an ETag)",
    tags,
    auth: 'none',
    query: linkQuery,
    ok: { 200: publicSurvey, 304: null },
    errors: [404, 409, 410],
  }),
  submit: doc({
    summary: "A citizen's response",
    description:
      '201 once stored; the same id again with the same content: 200 and the same body. ' +
      'Safe to retry with the same id after a 503 or a lost connection.',
    tags,
    auth: 'none',
    body: submission,
    ok: { 200: receipt, 201: receipt },
    errors: [404, 409, 410, 422, 429],
  }),
};

function slugOf(c: Context): string {
  const slug = c.req.param('slug') ?? '';
  if (!SLUG_PATTERN.test(slug)) throw new AppError('SurveyNotFound', 'no such survey');
  return slug;
}

export function publicRoutes(deps: AppDeps): Hono {
  const { catalog, config } = deps;
  const app = new Hono();
  const now = () => new Date(deps.now ? deps.now() : Date.now());
  app.get('/surveys/:slug', docs.survey, async (c) => {
    const survey = await catalog.openSurvey(slugOf(c));
    const { context } = await resolveLink(
      deps,
      survey,
      c.req.query('c'),
      c.req.query('t'),
      now(),
      'open',
    );
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
    docs.submit,
    rateLimit(config.rateLimitPerMinute, deps.storage.hits, deps.secret, {
      trustProxy: config.trustProxy,
      ...(deps.now ? { now: deps.now } : {}),
    }),
    requireJson,
    async (c) => {
      const text = await readBody(c, MAX_BODY_BYTES);
      const survey = await catalog.openSurvey(slugOf(c));
      const raw = parseJsonText(text);
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
      const accepted = await submitResponse(deps, survey, parsed.data, now());
      return c.json(
        { id: accepted.id, receivedAt: accepted.receivedAt },
        accepted.created ? 201 : 200,
      );
    },
  );

  return app;
}
