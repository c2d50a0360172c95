/**
 * Batches of one-time links for a provider, for the admin app (admin session, like
 * POST /api/admin/service-events, whose body they take):
 * POST /api/admin/service-events.csv → a CSV of url, token, expiresAt;
 * POST /api/admin/service-events/slips → printable A4 pages of receipt slips with QR codes.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { jsonBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { doc } from '../http/openapi.js';
import { qrSvg } from '../links/qr.js';
import { renderSlips } from '../links/slips.js';
import { issueServiceEventLinks, serviceEventBody } from '../links/service-events.js';
import type { IssuedLink } from '../links/tokens.js';
import { requireJson } from '../middleware/require-json.js';
import { toCsv } from '../registry/csv.js';
import type { SurveyEntry } from '../survey/catalog.js';

export const MAX_SLIPS = 200;

const csvBody = serviceEventBody(1, 1000);
const slipsBody = serviceEventBody(8, MAX_SLIPS);

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const batchDoc = (summary: string, body: z.ZodType, type: 'text/csv' | 'text/html') =>
  doc({ summary, tags: ['Links'], body, ok: { 201: type }, errors: [404, 422] });
const docs = {
  csv: batchDoc('A batch of one-time links as CSV', csvBody, 'text/csv'),
  slips: batchDoc('A batch of one-time links as printable receipt slips', slipsBody, 'text/html'),
};

type Event = z.infer<typeof csvBody>;

const STRICT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function adminLinkBatchRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { config } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const admin = [requireUser(deps), requireRole('admin'), requireJson] as const;

  /** Issues the links with the same checks and audit entry as POST /service-events. */
  async function issue(c: Context<AuthEnv>, event: Event, format: 'csv' | 'slips') {
    const { survey, provider, links } = await issueServiceEventLinks(deps, c.get('user'), event, {
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

  app.post('/service-events.csv', ...admin, docs.csv, async (c) => {
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

  app.post('/service-events/slips', ...admin, docs.slips, async (c) => {
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
