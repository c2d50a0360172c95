/**
 * Open data, for anyone (docs/open-data.md): GET /api/open/indicators.json, /api/open/indicators.csv
 * and the page /open. No session. Rate limited per address like submissions; answers carry an ETag
 * and Cache-Control (a repeated request with If-None-Match gets 304), and the figures are worked
 * out at most once per CACHE_MS per instance (they change only when a month is frozen).
 */
import { z } from 'zod';
import { doc } from '../http/openapi.js';
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { openIndicators, type OpenIndicators } from '../open/indicators.js';
import { OPEN_CSP, renderOpenPage } from '../open/page.js';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';

const CACHE_MS = 10 * 60_000;
const CACHE_CONTROL = 'public, max-age=600';

const CSV_COLUMNS = [
  'survey',
  'month',
  'region',
  'sector',
  'n',
  'satisfaction',
  'satisfaction_ci95_low',
  'satisfaction_ci95_high',
  'coverage',
  'kpi_index',
  'kpi_ci95_low',
  'kpi_ci95_high',
  'suppressed',
] as const;

const interval = z.tuple([z.number(), z.number()]);
const openIndicatorsBody = z.object({
  licence: z.string(),
  figures: z.literal('perturbed'),
  k: z.number(),
  generatedFrom: z.string(),
  rows: z.array(
    z.object({
      survey: z.string(),
      month: z.string(),
      region: z.string().nullable().describe('null: every region (a margin)'),
      sector: z.string().nullable().describe('null: every sector (a margin)'),
      n: z.number().nullable(),
      satisfaction: z.number().nullable(),
      satisfactionCi95: interval.nullable(),
      coverage: z.number().nullable(),
      kpi: z.number().nullable(),
      kpiCi95: interval.nullable(),
      suppressed: z.boolean(),
    }),
  ),
});

/** What each route answers: the API's description (server/http/openapi.ts). */
const tags = ['Open data'];
const docs = {
  json: doc({
    summary:
      'Monthly satisfaction, coverage and the Social KPI index per region and sector, protected and suppressed',
    tags,
    auth: 'none',
    ok: { 200: openIndicatorsBody, 304: null },
    errors: [429],
  }),
  csv: doc({
    summary: 'The same open indicators as CSV, the licence on its first line',
    tags,
    auth: 'none',
    ok: { 200: 'text/csv', 304: null },
    errors: [429],
  }),
};

export function toCsv(data: OpenIndicators): string {
  const rows = data.rows.map((r) => [
    r.survey,
    r.month,
    r.region ?? '',
    r.sector ?? '',
    r.n ?? '',
    r.satisfaction ?? '',
    r.satisfactionCi95?.[0] ?? '',
    r.satisfactionCi95?.[1] ?? '',
    r.coverage ?? '',
    r.kpi ?? '',
    r.kpiCi95?.[0] ?? '',
    r.kpiCi95?.[1] ?? '',
    r.suppressed ? 1 : 0,
  ]);
  return `# ${data.licence}\n${stringify([[...CSV_COLUMNS], ...rows])}`;
}

export function openRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  let cached: { at: number; data: Promise<OpenIndicators> } | undefined;
  const data = () => {
    if (!cached || now() - cached.at > CACHE_MS) {
      const fresh = { at: now(), data: openIndicators(deps) };
      fresh.data.catch(() => {
        if (cached === fresh) cached = undefined;
      });
      cached = fresh;
    }
    return cached.data;
  };
  const limit = rateLimit(deps.config.rateLimitPerMinute, deps.storage.hits, deps.secret, {
    trustProxy: deps.config.trustProxy,
  });

  /** The body with its ETag and caching headers, or 304 when the client has it. */
  const cachedAnswer = (
    c: Context,
    body: string,
    type: string,
    extra: Record<string, string> = {},
  ) => {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', CACHE_CONTROL);
    c.header('Vary', 'Accept-Encoding');
    for (const [k, v] of Object.entries(extra)) c.header(k, v);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', type);
    return c.body(body);
  };

  app.get('/api/open/indicators.json', docs.json, limit, async (c) =>
    cachedAnswer(c, JSON.stringify(await data()), 'application/json; charset=utf-8'),
  );
  app.get('/api/open/indicators.csv', docs.csv, limit, async (c) =>
    cachedAnswer(c, toCsv(await data()), 'text/csv; charset=utf-8', {
      'Content-Disposition': 'attachment; filename="ovoz-open-indicators.csv"',
    }),
  );
  app.get('/open', limit, async (c) => {
    const asked = c.req.query('lang');
    const lang: Lang = LANGUAGES.includes(asked as Lang) ? (asked as Lang) : 'uz';
    const html = renderOpenPage(await data(), await deps.registry.snapshot(), lang, {
      survey: c.req.query('survey'),
      month: c.req.query('month'),
    });
    return cachedAnswer(c, html, 'text/html; charset=utf-8', {
      'Content-Security-Policy': OPEN_CSP,
      'Content-Language': lang,
    });
  });
  return app;
}
