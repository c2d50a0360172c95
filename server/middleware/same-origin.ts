/**
 * Cross-site request refusal for every state-changing request under /api: 403 CrossOrigin when the
 * browser says the request comes from another site (`Sec-Fetch-Site: cross-site`) or names an
 * origin (`Origin`) that is neither the public URL's nor the request's own (scheme and host, as
 * @hono/node-server builds the URL from the Host header). `Origin: null` (sandboxed frames, file:)
 * is another site. A request with neither header (curl, a provider's IT system with an API key)
 * is not from a browser page and passes; sessions are further protected by their SameSite cookie.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sameOrigin(publicUrl: string): MiddlewareHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site')?.toLowerCase();
    const origin = c.req.header('origin');
    const foreign =
      site === 'cross-site' ||
      (origin !== undefined && origin !== publicOrigin && origin !== new URL(c.req.url).origin);
    if (foreign)
      throw new AppError('CrossOrigin', 'this request comes from another site and is refused');
    return next();
  };
}
