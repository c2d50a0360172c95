/**
 * Survey waves with per-region quotas (sociologist, admin):
 * GET|POST /api/admin/surveys/:slug/waves, PUT /api/admin/surveys/:slug/waves/:id.
 * Quotas are enforced on the citizen's POST (server/repos/quotas.ts, server/routes/public.ts).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { jsonBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { surveyFromSlug } from '../http/slug-param.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { requireJson } from '../middleware/require-json.js';
import { audit } from '../repos/audit.js';
import { findSurvey } from '../repos/surveys.js';
import { isUniqueViolation } from '../repos/users.js';
import { createWave, listWaves, updateWave, type WaveInput } from '../repos/waves.js';

const day = z.iso.date({ message: 'a date as YYYY-MM-DD' });

export const waveBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    startsOn: day,
    endsOn: day,
    quotas: z
      .record(
        z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'a region code such as UZ-SA'),
        z.number().int().min(0).max(100_000_000),
      )
      .optional(),
  })
  .strict()
  .refine((w) => w.startsOn <= w.endsOn, {
    path: ['endsOn'],
    message: 'must not be before startsOn',
  });

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Waves'];
const waveView = z.object({
  id: z.number().int(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  quotas: z.record(z.string(), z.number().int()),
  used: z.record(z.string(), z.number().int()),
});
export const waveList = z.object({ waves: z.array(waveView) });
const saveDoc = (summary: string, status: 200 | 201) =>
  doc({
    summary,
    tags,
    body: waveBody,
    ok: { [status]: z.object({ wave: waveView }) },
    errors: [404, 409],
  });
const docs = {
  list: doc({ summary: "A survey's waves", tags, ok: { 200: waveList }, errors: [404] }),
  create: saveDoc('A new wave', 201),
  update: saveDoc('Change a wave', 200),
};

export function adminWaveRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, registry } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const guard = [requireUser(deps), requireRole('sociologist', 'admin')] as const;

  const surveyOf = (c: Context) => surveyFromSlug(c, (slug) => findSurvey(db, slug));

  async function input(c: Context): Promise<WaveInput> {
    const body = await jsonBody(c, waveBody);
    const regions = new Set((await registry.snapshot()).regions.map((r) => r.code));
    const unknown = Object.keys(body.quotas ?? {}).filter((r) => !regions.has(r));
    if (unknown.length) {
      throw new AppError(
        'InvalidBody',
        'the quotas name unknown regions',
        unknown.map((r) => ({ name: `quotas.${r}`, message: 'no such region in the registry' })),
      );
    }
    return body;
  }

  /** A duplicate name is the caller's to fix: 409 WaveNameTaken. */
  async function saving<T>(name: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new AppError('WaveNameTaken', `this survey already has a wave "${name}"`);
      }
      throw e;
    }
  }

  app.get('/surveys/:slug/waves', ...guard, docs.list, async (c) => {
    const survey = await surveyOf(c);
    return c.json({ waves: await listWaves(db, survey.id) });
  });

  app.post('/surveys/:slug/waves', ...guard, docs.create, requireJson, async (c) => {
    const survey = await surveyOf(c);
    const wave = await input(c);
    const id = await saving(wave.name, () => createWave(db, survey.id, wave));
    await audit(db, c.get('user'), 'wave.create', survey.slug, { id, ...wave });
    const [view] = await listWaves(db, survey.id, id);
    return c.json({ wave: view }, 201);
  });

  app.put('/surveys/:slug/waves/:id', ...guard, docs.update, requireJson, async (c) => {
    const survey = await surveyOf(c);
    const id = Number(c.req.param('id'));
    const wave = await input(c);
    const found =
      Number.isSafeInteger(id) &&
      (await saving(wave.name, () => updateWave(db, survey.id, id, wave)));
    if (!found)
      throw new AppError('NotFound', `survey "${survey.slug}" has no wave ${c.req.param('id')}`);
    await audit(db, c.get('user'), 'wave.update', survey.slug, { id, ...wave });
    const [view] = await listWaves(db, survey.id, id);
    return c.json({ wave: view });
  });

  return app;
}
