/**
 * Surveys in the admin app (sociologist, admin): list, read, create, new versions, open, close,
 * and the designer's check. Texts are sanitised before a survey is checked and saved.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { jsonBody } from '../auth/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireJson } from '../middleware/require-json.js';
import { audit } from '../repos/audit.js';
import { createSurvey, listSurveys, listVersions, setSurveyStatus } from '../repos/survey-admin.js';
import {
  findSurvey,
  findVersion,
  latestVersion,
  saveSurveyVersion,
  SLUG_PATTERN,
} from '../repos/surveys.js';
import { checkSurvey } from '../survey/check.js';
import { sanitizeSurveyJson } from '../survey/sanitize.js';
import type { SurveyJson } from '../survey/types.js';

export const MAX_SURVEY_BYTES = 2 * 1024 * 1024;

const surveyJson = z.custom<SurveyJson>(
  (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  { message: 'must be a SurveyJS JSON object' },
);
const slug = z.string().regex(SLUG_PATTERN, 'lower-case letters, digits and hyphens');
const createBody = z.object({ slug, json: surveyJson }).strict();
const jsonOnly = z.object({ json: surveyJson }).strict();
const checkBody = z.object({ json: z.unknown() }).strict();

export function adminSurveyRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, catalog } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const guard = [requireUser(deps), requireRole('sociologist', 'admin')] as const;
  const write = [
    ...guard,
    bodyLimit({
      maxSize: MAX_SURVEY_BYTES,
      onError: () => {
        throw new AppError('PayloadTooLarge', `the body is larger than ${MAX_SURVEY_BYTES} bytes`);
      },
    }),
    requireJson,
  ] as const;

  async function surveyOf(c: Context) {
    const s = c.req.param('slug') ?? '';
    const survey = SLUG_PATTERN.test(s) ? await findSurvey(db, s) : undefined;
    if (!survey) throw new AppError('SurveyNotFound', `no survey "${s}"`);
    return survey;
  }

  /** Sanitised, then checked against the registry citizens would see: 422 InvalidSurvey. */
  async function ready(json: SurveyJson): Promise<SurveyJson> {
    const clean = sanitizeSurveyJson(json);
    const result = checkSurvey(clean, await catalog.registrySnapshot());
    if (!result.ok) {
      throw new AppError(
        'InvalidSurvey',
        'the JSON is not a valid survey',
        result.errors.map((e) => ({ name: e.path || 'json', message: e.message })),
      );
    }
    return clean;
  }

  app.get('/surveys', ...guard, async (c) => {
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

  app.post('/surveys/check', ...write, async (c) => {
    const { json } = await jsonBody(c, checkBody);
    const result = checkSurvey(json, await catalog.registrySnapshot());
    return c.json(result);
  });

  app.post('/surveys', ...write, async (c) => {
    const input = await jsonBody(c, createBody);
    if (await findSurvey(db, input.slug)) {
      throw new AppError('SurveyExists', `a survey "${input.slug}" already exists`);
    }
    const json = await ready(input.json);
    const created = await createSurvey(db, input.slug, json);
    if (!created) throw new AppError('SurveyExists', `a survey "${input.slug}" already exists`);
    await catalog.invalidateSurveys();
    await audit(db, c.get('user'), 'survey.create', input.slug, { version: 1 });
    return c.json({ slug: input.slug, version: 1, status: 'draft' }, 201);
  });

  app.get('/surveys/:slug', ...guard, async (c) => {
    const survey = await surveyOf(c);
    const latest = await latestVersion(db, survey.id);
    const json = latest ? (JSON.parse(latest.json) as SurveyJson) : null;
    return c.json({
      slug: survey.slug,
      status: survey.status,
      title: json?.title ?? null,
      versions: await listVersions(db, survey.id),
      json,
    });
  });

  app.get('/surveys/:slug/versions/:version', ...guard, async (c) => {
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

  app.post('/surveys/:slug/versions', ...write, async (c) => {
    const survey = await surveyOf(c);
    const input = await jsonBody(c, jsonOnly);
    const json = await ready(input.json);
    const saved = await saveSurveyVersion(db, survey.slug, json, survey.status);
    if (!saved.created) return c.json({ version: saved.version }, 200);
    await catalog.invalidateSurveys();
    await audit(db, c.get('user'), 'survey.version', survey.slug, { version: saved.version });
    return c.json({ version: saved.version }, 201);
  });

  for (const [action, status] of [
    ['open', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(`/surveys/:slug/${action}`, ...guard, async (c) => {
      const survey = await surveyOf(c);
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
