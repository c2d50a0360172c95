/**
 * JSON and pages that phones fetch again and again (a survey's questionnaire, the survey page
 * with its welcome screen): sent compressed (brotli or
 * gzip, as the phone accepts) with a strong ETag, so a repeat visit costs a 304 and a first visit
 * a fraction of the raw size. Compressed bodies are kept for the most recent distinct payloads.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { acceptedCodings } from './accept-encoding.js';

const MAX_CACHED = 256;
const cache = new Map<string, { br?: Buffer; gzip?: Buffer }>();

function remember(etag: string) {
  let entry = cache.get(etag);
  if (!entry) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    entry = {};
    cache.set(etag, entry);
  }
  return entry;
}

export function cachedJson(c: Context, value: unknown): Response {
  return cachedText(c, JSON.stringify(value), 'application/json; charset=UTF-8');
}

/** `text` as `type`, with `extra` headers (a page's Content-Security-Policy). */
export function cachedText(
  c: Context,
  text: string,
  type: string,
  extra: Record<string, string> = {},
): Response {
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string> = {
    'Content-Type': type,
    ETag: etag,
    Vary: 'Accept-Encoding',
    'Cache-Control': 'no-cache',
    ...extra,
  };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304, headers);
  }
  const coding = acceptedCodings(c.req.header('accept-encoding'))[0];
  const entry = remember(etag);
  if (coding === 'br') {
    entry.br ??= brotliCompressSync(text, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    return c.body(new Uint8Array(entry.br), 200, { ...headers, 'Content-Encoding': 'br' });
  }
  if (coding === 'gzip') {
    entry.gzip ??= gzipSync(text, { level: 9 });
    return c.body(new Uint8Array(entry.gzip), 200, { ...headers, 'Content-Encoding': 'gzip' });
  }
  return c.body(text, 200, headers);
}
