/**
 * The built web pages (`npm run build` → dist/web): the citizen survey page at /s/:slug (with the
 * survey's welcome screen filled in, server/http/citizen-page.ts), the admin app at /admin and
 * /admin/* (one page that routes inside itself), and the hashed, immutable assets under /assets/,
 * sent pre-compressed (brotli or gzip) when the browser accepts it.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import type { Welcome } from '../../common/citizen/welcome.js';
import { welcomeOf } from '../../common/citizen/welcome.js';
import { acceptedCodings, type Coding } from '../http/accept-encoding.js';
import { cachedText } from '../http/cached-json.js';
import { citizenPage, isPrivateLink } from '../http/citizen-page.js';
import { verifyContext } from '../links/context.js';
import { completeContext } from '../links/resolve.js';
import { SLUG_PATTERN } from '../repos/surveys.js';
import type { CurrentRegistry } from '../registry/current.js';
import type { ReadyVersion, SurveyCatalog } from '../survey/catalog.js';
import { isLang } from '../../common/survey/types.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.br': 'application/octet-stream',
  '.gz': 'application/gzip',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const EXTENSION: Record<Coding, string> = { br: '.br', gzip: '.gz' };

interface Found {
  file: string;
  size: number;
  mtimeMs: number;
  coding: Coding | null;
}

async function statFile(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** `file` or its best pre-compressed variant the client accepts; null if `file` is missing. */
async function negotiate(file: string, acceptEncoding: string | undefined): Promise<Found | null> {
  const plain = await statFile(file);
  if (!plain) return null;
  for (const coding of acceptedCodings(acceptEncoding)) {
    const variant = file + EXTENSION[coding];
    const s = await statFile(variant);
    if (s) return { file: variant, ...s, coding };
  }
  return { file, ...plain, coding: null };
}

async function send(
  c: Context,
  found: Found,
  type: string,
  cacheControl: string,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const etag = `W/"${found.size.toString(36)}-${Math.floor(found.mtimeMs).toString(36)}${
    found.coding ? `-${found.coding}` : ''
  }"`;
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': cacheControl,
    Vary: 'Accept-Encoding',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  };
  if (found.coding) headers['Content-Encoding'] = found.coding;
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    return c.body(null, 304, headers);
  }
  let data: Buffer;
  try {
    data = await readFile(found.file);
  } catch {
    return notFound(c);
  }
  headers['Content-Length'] = String(data.length);
  const bytes = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  return c.body(bytes, 200, headers);
}

function notFound(c: Context): Response {
  return c.json({ error: { code: 'NotFound', message: 'no such file' } }, 404);
}

/** The web pages have not been built into the served directory yet. */
function notBuilt(c: Context): Response {
  return c.json({ error: { code: 'NotBuilt', message: 'run npm run build' } }, 503);
}

/** A path below /assets/ that is safe to join to the assets directory, or null. */
export function safeAssetPath(assetsDir: string, raw: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!rel || raw.includes('..') || rel.includes('..') || rel.includes('\0')) return null;
  if (raw.includes('\\') || rel.includes('\\') || rel.startsWith('/')) return null;
  const full = path.resolve(assetsDir, rel);
  return full.startsWith(assetsDir + path.sep) ? full : null;
}

/**
 * The citizen page's Content-Security-Policy: everything from this origin only (no tracking, no
 * third-party fonts or scripts), no inline scripts, no plugins, never framed. survey-core sets
 * its styles through the CSSOM (allowed under `style-src 'self'`), so no inline style is needed.
 */
export const CITIZEN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The admin app's policy: the citizen page's, unchanged. Charts draw on canvas, CodeMirror and
 * survey-core style through the CSSOM, QR codes and one-time-link slips are `data:` images, and
 * the printable poster opens as its own document with its own policy.
 */
export const ADMIN_CSP = CITIZEN_CSP;

export function webRoutes(opts: {
  distDir: string;
  catalog?: SurveyCatalog;
  registry?: CurrentRegistry;
  /** Verifies a link's signed context (`c`), so the welcome can name the provider. */
  secret?: string;
  /** The server's public URL: the survey pages' canonical and alternate addresses. */
  publicUrl?: string;
}): Hono {
  const distDir = path.resolve(opts.distDir);
  const assetsDir = path.join(distDir, 'assets');
  const citizenHtml = path.join(distDir, 'citizen.html');
  const adminHtml = path.join(distDir, 'admin.html');
  const app = new Hono();

  const adminPage = async (c: Context) => {
    const found = await negotiate(adminHtml, c.req.header('Accept-Encoding'));
    if (!found) return notBuilt(c);
    return send(c, found, 'text/html; charset=utf-8', 'no-cache', {
      'Content-Security-Policy': ADMIN_CSP,
      'Referrer-Policy': 'no-referrer',
    });
  };
  app.get('/admin', adminPage);
  app.get('/admin/*', adminPage);

  /** The built citizen page, read again only when the build changes it. */
  let template: { mtimeMs: number; text: string } | null = null;
  const citizenTemplate = async (): Promise<string | null> => {
    const s = await statFile(citizenHtml);
    if (!s) return null;
    if (template?.mtimeMs !== s.mtimeMs) {
      template = { mtimeMs: s.mtimeMs, text: await readFile(citizenHtml, 'utf8') };
    }
    return template.text;
  };
  /**
   * Each survey version's welcome screen, worked out once: keyed by the version the catalog
   * holds, so it goes when the catalog lets the version go.
   */
  const welcomes = new WeakMap<ReadyVersion, Welcome>();
  /** The open survey's welcome screen; null when there is none (the page's script says why). */
  const welcome = async (slug: string): Promise<Welcome | null> => {
    if (!opts.catalog || !SLUG_PATTERN.test(slug)) return null;
    try {
      const survey = await opts.catalog.openSurvey(slug);
      let found = welcomes.get(survey.latest);
      if (found?.slug !== survey.slug) {
        found = welcomeOf(survey.slug, survey.latest.json);
        welcomes.set(survey.latest, found);
      }
      return found;
    } catch {
      return null;
    }
  };

  /** The welcome with the place the link's signed context names; unchanged when there is none. */
  const withPlace = async (w: Welcome, slug: string, c: string | null): Promise<Welcome> => {
    if (!c || !opts.secret || !opts.registry) return w;
    const ctx = verifyContext(opts.secret, slug, c);
    if (!ctx) return w; // the page's script says what is wrong with the link
    try {
      const registry = await opts.registry.snapshot();
      const full = completeContext(registry, ctx);
      const provider = registry.providers.find((p) => p.code === full.provider)?.names;
      const district = registry.districts.find((d) => d.code === full.district)?.names;
      if (!provider && !district) return w;
      return {
        ...w,
        place: { ...(provider ? { provider } : {}), ...(district ? { district } : {}) },
      };
    } catch {
      return w;
    }
  };

  app.get('/s/:slug', async (c) => {
    const text = await citizenTemplate();
    if (text === null) return notBuilt(c);
    const url = new URL(c.req.url);
    // `start` is the Start form's own (main.ts): the page it opens has the same welcome.
    url.searchParams.delete('start');
    const lang = url.searchParams.get('lang');
    const slug = c.req.param('slug');
    const found = await welcome(slug);
    const page = citizenPage(
      text,
      found && (await withPlace(found, slug, url.searchParams.get('c'))),
      isLang(lang) ? lang : 'uz',
      url.href,
      opts.publicUrl ?? url.origin,
    );
    return cachedText(c, page, 'text/html; charset=utf-8', {
      'Content-Security-Policy': CITIZEN_CSP,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      // A one-time link is a secret: never in a search engine, whatever reads the page.
      ...(isPrivateLink(url.href) ? { 'X-Robots-Tag': 'noindex' } : {}),
    });
  });

  /**
   * Search engines may read the surveys' public pages (`/s/`), and nothing of the admin app or
   * the API. A one-time link stays out through its own `noindex`.
   */
  app.get('/robots.txt', (c) =>
    c.text('User-agent: *\nAllow: /s/\nDisallow: /admin\nDisallow: /api/\n', 200, {
      'Cache-Control': 'public, max-age=86400',
    }),
  );

  app.get('/assets/*', async (c) => {
    // The path as the client sent it; safeAssetPath decodes it, so %2e%2e and %5c are caught too.
    const prefix = '/assets/';
    const pathname = c.req.path;
    const file = pathname.startsWith(prefix)
      ? safeAssetPath(assetsDir, pathname.slice(prefix.length))
      : null;
    if (!file) return notFound(c);
    const found = await negotiate(file, c.req.header('Accept-Encoding'));
    if (!found) return notFound(c);
    // The citizen page's service worker lives with the hashed assets but serves /s/ (its scope).
    const worker = /^sw-[\w-]+\.js$/.test(path.basename(file));
    return send(
      c,
      found,
      contentType(file),
      'public, max-age=31536000, immutable',
      worker ? { 'Service-Worker-Allowed': '/s/' } : {},
    );
  });

  return app;
}
