/** QR codes and printable posters of signed survey links (sociologist, admin). */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { surveyFromSlug } from '../http/slug-param.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { CHANNELS } from '../../common/reports/dimensions.js';
import { estimateMinutes } from '../../common/citizen/welcome.js';
import { POSTER_SIZES, renderPoster } from '../links/poster.js';
import { contextLink, qrPng, qrSvg } from '../links/qr.js';
import { completeContext } from '../links/resolve.js';
import { parseParams } from '../reports/query.js';
import { shortCodeFor } from '../repos/short-links.js';
import type { SurveyEntry } from '../survey/catalog.js';
import { LANGUAGES, type LinkContext } from '../../common/survey/types.js';

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

const channel = z.enum(CHANNELS);

const qrQuery = z.object({
  format: z.enum(['svg', 'png']).default('svg'),
  region: code.optional(),
  district: code.optional(),
  provider: code.optional(),
  channel: channel.optional(),
  lang: z.enum(LANGUAGES).optional(),
});

const posterQuery = z.object({
  provider: code,
  channel: channel.optional(),
  lang: z.enum(LANGUAGES).optional(),
  size: z.enum(POSTER_SIZES).default('a4'),
});

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const docs = {
  qr: doc({
    summary: "A QR code of the survey's signed link (the link in X-Ovoz-Link)",
    tags: ['Links'],
    query: qrQuery,
    ok: { 200: 'image/svg+xml' },
    errors: [404],
  }),
  poster: doc({
    summary: "A printable A4 poster with the provider's signed QR code",
    tags: ['Links'],
    query: posterQuery,
    ok: { 200: 'text/html' },
    errors: [404],
  }),
};

export function adminQrRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const guard = [requireUser(deps), requireRole('sociologist', 'admin')] as const;

  const surveyOf = (c: Context): Promise<SurveyEntry> =>
    surveyFromSlug(c, (slug) => deps.catalog.bySlug(slug));

  /** Unknown or inconsistent registry codes are the query's fault here, not a link's. */
  async function checked(ctx: LinkContext): Promise<LinkContext> {
    try {
      return completeContext(await deps.registry.snapshot(), ctx);
    } catch (e) {
      if (e instanceof AppError) throw new AppError('InvalidQuery', e.message);
      throw e;
    }
  }

  app.get('/surveys/:slug/qr', ...guard, docs.qr, async (c) => {
    const q = parseParams(c.req.url, qrQuery, 'query');
    const survey = await surveyOf(c);
    const ctx = await checked({
      region: q.region,
      district: q.district,
      provider: q.provider,
      channel: q.channel,
    });
    const link = contextLink(deps.config.publicUrl, deps.secret, survey.slug, ctx, q.lang);
    const name = ['ovoz', survey.slug, ctx.provider ?? ctx.district ?? ctx.region, ctx.channel]
      .filter(Boolean)
      .join('-');
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `inline; filename="${name}.${q.format}"`);
    c.header('X-Ovoz-Link', link);
    if (q.format === 'png') {
      c.header('Content-Type', 'image/png');
      return c.body(new Uint8Array(await qrPng(link)));
    }
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    return c.body(await qrSvg(link));
  });

  app.get('/surveys/:slug/poster', ...guard, docs.poster, async (c) => {
    const q = parseParams(c.req.url, posterQuery, 'query');
    const survey = await surveyOf(c);
    const ctx = await checked({ provider: q.provider, channel: q.channel });
    const registry = await deps.registry.snapshot();
    const provider = registry.providers.find((p) => p.code === ctx.provider);
    if (!provider) throw new AppError('InvalidQuery', 'unknown provider');
    const link = contextLink(deps.config.publicUrl, deps.secret, survey.slug, ctx, q.lang);
    // The address to type by hand: a short code standing for this signed link.
    const short = await shortCodeFor(deps.db, {
      slug: survey.slug,
      provider: provider.code,
      ...(ctx.channel ? { channel: ctx.channel } : {}),
    });
    const html = renderPoster({
      title: survey.latest.title,
      provider: provider.names,
      qrSvg: await qrSvg(link),
      link,
      linkText: `${deps.config.publicUrl.replace(/^https?:\/\//, '')}/k/${short}`,
      minutes: estimateMinutes(survey.latest.json),
      size: q.size,
      ...(q.lang ? { lang: q.lang } : {}),
    });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `inline; filename="ovoz-${survey.slug}-${provider.code}.html"`);
    // Nothing external, nothing executable: even a registry name that slipped past escaping is inert.
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    );
    return c.html(html);
  });

  return app;
}
