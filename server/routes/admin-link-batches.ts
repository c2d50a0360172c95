/**
 * Batches of one-time links for a provider, for the admin app (admin session, like
 * POST /api/admin/service-events, whose body they take):
 * POST /api/admin/service-events.csv → a CSV of url, token, expiresAt;
 * POST /api/admin/service-events/slips → printable A4 pages of receipt slips with QR codes.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { jsonBody } from '../auth/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { qrSvg } from '../links/qr.js';
import { renderSlips } from '../links/slips.js';
import { issueTokens, type IssuedLink } from '../links/tokens.js';
import { requireJson } from '../middleware/require-json.js';
import { toCsv } from '../registry/csv.js';
import { audit } from '../repos/audit.js';
import { SLUG_PATTERN } from '../repos/surveys.js';
import type { SurveyEntry } from '../survey/catalog.js';

export const MAX_SLIPS = 200;

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const day = z.iso.date({ message: 'a date as YYYY-MM-DD' });

/** The body of POST /api/admin/service-events (server/routes/admin-links.ts). */
function serviceEvent(defaultCount: number, maxCount: number) {
  return z
    .object({
      survey: z.string().regex(SLUG_PATTERN, 'a survey slug'),
      provider: code,
      serviceType: z.string().trim().min(1).max(100).optional(),
      requestedAt: day.optional(),
      deliveredAt: day.optional(),
      count: z.number().int().min(1).max(maxCount).default(defaultCount),
      expiresInDays: z.number().int().min(1).max(365).optional(),
    })
    .strict()
    .refine((e) => !e.requestedAt || !e.deliveredAt || e.requestedAt <= e.deliveredAt, {
      path: ['deliveredAt'],
      message: 'must not be before requestedAt',
    });
}

const csvBody = serviceEvent(1, 1000);
const slipsBody = serviceEvent(8, MAX_SLIPS);

type Event = z.infer<typeof csvBody>;

const STRICT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function adminLinkBatchRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, catalog, config } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const admin = [requireUser(deps), requireRole('admin'), requireJson] as const;

  /** Issues the links with the same checks and audit entry as POST /service-events. */
  async function issue(c: Context<AuthEnv>, event: Event, format: 'csv' | 'slips') {
    const provider = (await catalog.registrySnapshot()).providers.find(
      (p) => p.code === event.provider,
    );
    if (!provider)
      throw new AppError('NotFound', `no provider "${event.provider}" in the registry`);
    const survey = await catalog.bySlug(event.survey);
    if (!survey) throw new AppError('SurveyNotFound', `no survey "${event.survey}"`);
    if (survey.status === 'closed') throw new AppError('SurveyClosed', 'this survey is closed');
    const links = await issueTokens(db, {
      survey,
      provider,
      event,
      count: event.count,
      publicUrl: config.publicUrl,
      now: new Date(deps.now ? deps.now() : Date.now()),
      ttlDays: event.expiresInDays,
    });
    // The count and the provider; never a token.
    await audit(db, c.get('user'), 'links.issue', survey.slug, {
      provider: provider.code,
      count: links.length,
      expiresAt: links[0]?.expiresAt ?? null,
      format,
    });
    c.header('Cache-Control', 'no-store');
    return { survey, provider, links };
  }

  /** The local calendar day a link expires on. */
  const localDay = (iso: string) =>
    new Date(Date.parse(iso) + config.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);

  const fileName = (survey: SurveyEntry, provider: string, ext: string) =>
    `ovoz-links-${survey.slug}-${provider}.${ext}`;

  app.post('/service-events.csv', ...admin, async (c) => {
    const event = await jsonBody(c, csvBody);
    const { survey, provider, links } = await issue(c, event, 'csv');
    const rows = links.map((l: IssuedLink) => ({
      url: l.url,
      token: l.token,
      expiresAt: l.expiresAt,
    }));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="${fileName(survey, provider.code, 'csv')}"`,
    );
    return c.body(toCsv(['url', 'token', 'expiresAt'], rows), 201);
  });

  app.post('/service-events/slips', ...admin, async (c) => {
    const event = await jsonBody(c, slipsBody);
    const { survey, provider, links } = await issue(c, event, 'slips');
    const slips = await Promise.all(
      links.map(async (l) => ({
        qrSvg: await qrSvg(l.url),
        link: l.url,
        expiresOn: localDay(l.expiresAt),
      })),
    );
    const html = renderSlips({ title: survey.latest.title, provider: provider.names, slips });
    c.header(
      'Content-Disposition',
      `inline; filename="${fileName(survey, provider.code, 'html')}"`,
    );
    // Nothing external, nothing executable: even a name that slipped past escaping is inert.
    c.header('Content-Security-Policy', STRICT_CSP);
    return c.html(html, 201);
  });

  return app;
}
