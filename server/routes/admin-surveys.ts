/**
 * Surveys in the admin app (sociologist, admin): list, read, create, new versions, open, close,
 * and the designer's check. Texts are sanitised before a survey is checked and saved.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { invalidBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError, type FieldMessage } from '../errors.js';
import { surveyFromSlug } from '../http/slug-param.js';
import { doc } from '../http/openapi.js';
import { readBody } from '../http/read-body.js';
import { MAX_SURVEY_BYTES } from '../../common/limits.js';
import { requireJson } from '../middleware/require-json.js';
import { audit } from '../repos/audit.js';
import { createSurvey, listSurveys, setSurveyStatus } from '../repos/survey-admin.js';
import {
  noteVersion,
  saveDesignerVersion,
  translationState,
  versionHistory,
} from '../repos/survey-versions.js';
import { findSurvey, findVersion, latestVersion, SLUG_PATTERN } from '../repos/surveys.js';
import type { CheckResult } from '../survey/check.js';
import { checkPool } from '../survey/check-pool.js';
import { refuseUnlessReady } from '../survey/ready.js';
import type { SurveyJson } from '../../common/survey/types.js';

const slug = z.string().regex(SLUG_PATTERN, 'lower-case letters, digits and hyphens');
const createRest = z.object({ slug }).strict();
const noRest = z.object({}).strict();
const versionRest = z
  .object({
    /** Per text key and language: the source text a translation was made from; review flags. */
    translationState: z.record(z.string(), z.unknown()).optional(),
    /** The version restored, when this version brings an earlier one back. */
    restoredFrom: z.number().int().positive().optional(),
  })
  .strict();

/** `If-Match: "v4"` → 4; absent → undefined. */
function expectedVersion(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  if (!m) throw new AppError('BadRequest', 'If-Match must be an ETag of this API, e.g. "v3"');
  return Number(m[1]);
}

const etag = (version: number | null) => `"v${version ?? 0}"`;

/** A check's errors as the API's fields, with their codes for the admin app's own words. */
function fieldsOf(result: CheckResult): FieldMessage[] {
  return result.errors.map((e) => ({
    name: e.path || 'json',
    message: e.message,
    ...(e.code ? { code: e.code, params: e.params ?? {} } : {}),
  }));
}

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const surveyJson = z.record(z.string(), z.unknown()).describe('A SurveyJS questionnaire');
const status = z.enum(['draft', 'open', 'closed']);
const versionMeta = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  author: z.string().nullable(),
  origin: z.string().nullable(),
  basedOn: z.number().int().nullable(),
});
export const surveyList = z.object({
  surveys: z.array(
    z.object({
      slug: z.string(),
      status,
      title: z.unknown(),
      latestVersion: z.number().int().nullable(),
      versions: z.array(z.object({ version: z.number().int(), createdAt: z.string() })),
      responses: z.number().int(),
    }),
  ),
});
const checkError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export const checkOutcome = z.object({ ok: z.boolean(), errors: z.array(checkError) });
export const surveyDetail = z.object({
  slug: z.string(),
  status,
  title: z.unknown(),
  versions: z.array(versionMeta),
  json: surveyJson.nullable(),
  translationState: z.unknown(),
});
export const oneVersion = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  json: surveyJson,
});
export const savedVersion = z.object({ version: z.number().int() });
export const createdSurvey = z.object({
  slug: z.string(),
  version: z.literal(1),
  status: z.literal('draft'),
});
const statusChange = z.object({ slug: z.string(), status });
const tags = ['Surveys'];
const docs = {
  list: doc({
    summary: 'Every survey with its status and versions',
    tags,
    ok: { 200: surveyList },
  }),
  check: doc({
    summary: "The designer's check of a questionnaire",
    tags,
    body: noRest.extend({ json: surveyJson }),
    ok: { 200: checkOutcome },
    errors: [422],
  }),
  create: doc({
    summary: 'A new survey (a draft)',
    tags,
    body: createRest.extend({ json: surveyJson }),
    ok: { 201: createdSurvey },
    errors: [409, 422],
  }),
  detail: doc({
    summary: 'A survey: its newest questionnaire and every version (ETag "vN")',
    tags,
    ok: { 200: surveyDetail },
    errors: [404],
  }),
  version: doc({
    summary: "One version's questionnaire",
    tags,
    ok: { 200: oneVersion },
    errors: [404],
  }),
  save: doc({
    summary: 'A new version; If-Match: the version the edit started from',
    description: '201 when saved, 200 when equal to the newest version (nothing saved).',
    tags,
    body: versionRest.extend({ json: surveyJson }),
    ok: { 200: savedVersion, 201: savedVersion },
    errors: [404, 412, 422],
  }),
  open: doc({
    summary: 'Open a survey to citizens',
    tags,
    ok: { 200: statusChange },
    errors: [404, 422],
  }),
  close: doc({ summary: 'Close a survey', tags, ok: { 200: statusChange }, errors: [404] }),
};

export function adminSurveyRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, catalog, registry } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const guard = [requireUser(deps), requireRole('sociologist', 'admin')] as const;
  const write = [...guard, requireJson] as const;

  const surveyOf = (c: Context) => surveyFromSlug(c, (slug) => findSurvey(db, slug));

  /**
   * The body read (at most MAX_SURVEY_BYTES) and its questionnaire checked in the checking
   * worker against the registry citizens would see; the body's other fields checked by `rest`.
   * Over a limit: 422 SurveyTooLarge. With `save`: sanitised first, and 422 InvalidSurvey unless
   * the check passed.
   */
  async function checked<S extends z.ZodType>(c: Context, rest: S, save: boolean) {
    const text = await readBody(c, MAX_SURVEY_BYTES);
    const outcome = await checkPool().run(
      { text, sanitize: save, registry: await registry.snapshot() },
      deps.config.checkBudgetMs,
    );
    const others = rest.safeParse(outcome.rest);
    if (!others.success) throw invalidBody(others.error.issues);
    const { result } = outcome;
    if (result.tooLarge) {
      throw new AppError('SurveyTooLarge', 'the questionnaire is over a limit', fieldsOf(result));
    }
    if (save && (!result.ok || !outcome.clean)) {
      throw new AppError('InvalidSurvey', 'the JSON is not a valid survey', fieldsOf(result));
    }
    return { rest: others.data as z.infer<S>, result, clean: outcome.clean as SurveyJson };
  }

  app.get('/surveys', ...guard, docs.list, async (c) => {
    const surveys = await listSurveys(db);
    return c.json({
      surveys: surveys.map((s) => ({
        slug: s.slug,
        status: s.status,
        title: s.title,
        latestVersion: s.latestVersion,
        versions: s.versions,
        responses: s.responses,
      })),
    });
  });

  app.post('/surveys/check', ...write, docs.check, async (c) => {
    const { result } = await checked(c, noRest, false);
    return c.json({ ok: result.ok, errors: result.errors });
  });

  app.post('/surveys', ...write, docs.create, async (c) => {
    const { rest: input, clean: json } = await checked(c, createRest, true);
    if (await findSurvey(db, input.slug)) {
      throw new AppError('SurveyExists', `a survey "${input.slug}" already exists`);
    }
    const created = await createSurvey(db, input.slug, json);
    if (!created) throw new AppError('SurveyExists', `a survey "${input.slug}" already exists`);
    await noteVersion(db, created.id, 1, { author: c.get('user').username, origin: 'designer' });
    await catalog.invalidateSurveys();
    await audit(db, c.get('user'), 'survey.create', input.slug, { version: 1 });
    return c.json({ slug: input.slug, version: 1, status: 'draft' }, 201);
  });

  app.get('/surveys/:slug', ...guard, docs.detail, async (c) => {
    const survey = await surveyOf(c);
    const latest = await latestVersion(db, survey.id);
    const json = latest ? (JSON.parse(latest.json) as SurveyJson) : null;
    c.header('ETag', etag(latest?.version ?? null));
    c.header('Cache-Control', 'no-store');
    return c.json({
      slug: survey.slug,
      status: survey.status,
      title: json?.title ?? null,
      versions: await versionHistory(db, survey.id),
      json,
      translationState: latest ? await translationState(db, survey.id, latest.version) : null,
    });
  });

  app.get('/surveys/:slug/versions/:version', ...guard, docs.version, async (c) => {
    const survey = await surveyOf(c);
    const n = Number(c.req.param('version'));
    const row = Number.isSafeInteger(n) ? await findVersion(db, survey.id, n) : undefined;
    if (!row)
      throw new AppError(
        'NotFound',
        `survey "${survey.slug}" has no version ${c.req.param('version')}`,
      );
    return c.json({
      version: row.version,
      createdAt: row.created_at,
      json: JSON.parse(row.json) as SurveyJson,
    });
  });

  app.post('/surveys/:slug/versions', ...write, docs.save, async (c) => {
    const survey = await surveyOf(c);
    const expected = expectedVersion(c.req.header('If-Match'));
    const { rest: input, clean: json } = await checked(c, versionRest, true);
    // What citizens are answering stays complete: an open survey's new version passes the checks.
    if (survey.status === 'open') refuseUnlessReady(json);
    const user = c.get('user');
    const saved = await saveDesignerVersion(db, survey.id, json, {
      expected,
      author: user.username,
      origin: input.restoredFrom ? 'restore' : 'designer',
      basedOn: input.restoredFrom ?? expected,
      translationState: input.translationState,
    });
    if (saved.kind === 'conflict') {
      const { latest } = saved;
      c.header('ETag', etag(latest.version));
      throw new AppError(
        'EditConflict',
        `version ${latest.version} was saved${latest.author ? ` by ${latest.author}` : ''} at ${latest.createdAt}, after the version ${expected} this edit started from`,
        [
          { name: 'version', message: String(latest.version) },
          ...(latest.author ? [{ name: 'author', message: latest.author }] : []),
        ],
      );
    }
    c.header('ETag', etag(saved.version));
    if (saved.kind === 'unchanged') return c.json({ version: saved.version }, 200);
    await catalog.invalidateSurveys();
    await audit(db, user, 'survey.version', survey.slug, { version: saved.version });
    return c.json({ version: saved.version }, 201);
  });

  for (const [action, status] of [
    ['open', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(`/surveys/:slug/${action}`, ...guard, docs[action], async (c) => {
      const survey = await surveyOf(c);
      if (action === 'open' && survey.status !== status) {
        const latest = await latestVersion(db, survey.id);
        if (latest) refuseUnlessReady(JSON.parse(latest.json) as SurveyJson);
      }
      if (survey.status !== status) {
        await setSurveyStatus(db, survey.id, status);
        await catalog.invalidateSurveys();
        await audit(db, c.get('user'), `survey.${action}`, survey.slug, {
          from: survey.status,
          to: status,
        });
      }
      return c.json({ slug: survey.slug, status });
    });
  }

  return app;
}
