/**
 * Per-address submission limit, counted in whole minutes and shared by every instance on one
 * database (the storage's hit counter). Addresses are never kept: the key is an HMAC of the
 * address with a key derived from the server secret and the day, so it changes every day.
 */
import { createHmac } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { HitCounter } from '../../db/storage.js';
import { clientAddress } from '../http/client-address.js';
import { AppError } from '../errors.js';

const MINUTE = 60_000;

export interface RateLimitOptions {
  /** See server/http/client-address.ts. */
  trustProxy?: readonly string[];
  /** The clock (ms since the epoch). */
  now?: () => number;
}

export function rateLimit(
  perMinute: number,
  hits: HitCounter,
  secret: string,
  { trustProxy = [], now = Date.now }: RateLimitOptions = {},
): MiddlewareHandler {
  let day = '';
  let salt = Buffer.alloc(0);

  return async (c, next) => {
    if (perMinute <= 0) return next();
    const at = now();
    const today = new Date(at).toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      salt = createHmac('sha256', secret).update(`rate-limit:${today}`).digest();
    }
    const windowStart = Math.floor(at / MINUTE) * MINUTE;
    const address = clientAddress(c, trustProxy);
    const key = createHmac('sha256', salt).update(address).digest('base64url');
    const n = await hits.hit(key, windowStart);
    if (n > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + MINUTE - at) / 1000));
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
