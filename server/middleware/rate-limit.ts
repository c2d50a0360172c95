/**
 * Per-address submission limit. Addresses are never kept: the key is an HMAC of the address with
 * a salt that lives only in memory and changes every day.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { clientAddress } from '../http/client-address.js';
import { AppError } from '../errors.js';

/** `trustProxy`: see server/http/client-address.ts. */
export function rateLimit(
  perMinute: number,
  trustProxy: readonly string[] = [],
): MiddlewareHandler {
  let day = '';
  let salt = randomBytes(32);
  let windowStart = 0;
  let counts = new Map<string, number>();

  return async (c, next) => {
    if (perMinute <= 0) return next();
    const now = Date.now();
    const today = new Date(now).toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      salt = randomBytes(32);
    }
    if (now - windowStart >= 60_000) {
      windowStart = now;
      counts = new Map();
    }
    const address = clientAddress(c, trustProxy);
    const key = createHmac('sha256', salt).update(address).digest('base64url');
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
      throw new AppError(
        'TooManyRequests',
        'too many submissions; please retry later',
        undefined,
        retryAfter,
      );
    }
    return next();
  };
}
