/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser in
 * which a person signed in successfully gets a signed cookie naming that account. A sign-in that
 * presents one is trusted for that account: it is not held up by guessing from other addresses
 * or at the account, only by failures under its own cookie. The cookie holds a random nonce and
 * an HMAC of the account and the nonce with the server secret, so it neither names the account
 * nor can be made for another; a browser keeps up to 5 (people share computers).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';

export const DEVICE_COOKIE = 'ovoz_device';
const MAX_ENTRIES = 5;
const MAX_AGE_S = 365 * 86_400;

function mac(secret: string, username: string, nonce: string): Buffer {
  return createHmac('sha256', secret)
    .update(`ovoz-device:${username}:${nonce}`)
    .digest()
    .subarray(0, 16);
}

function entries(c: Context): string[] {
  const raw = getCookie(c, DEVICE_COOKIE) ?? '';
  return raw
    .split('~')
    .filter((e) => /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/.test(e))
    .slice(0, MAX_ENTRIES);
}

/** The nonce of this browser's device cookie for `username`, when it has a valid one. */
export function deviceFor(c: Context, secret: string, username: string): string | null {
  for (const entry of entries(c)) {
    const nonce = verified(entry, secret, username);
    if (nonce) return nonce;
  }
  return null;
}

/** After a successful sign-in: this browser is known for `username` (kept first, others after). */
export function rememberDevice(
  c: Context,
  secret: string,
  username: string,
  config: Config,
  nonce = randomBytes(16).toString('base64url'),
): void {
  const mine = `${nonce}.${mac(secret, username, nonce).toString('base64url')}`;
  const others = entries(c).filter(
    (e) => !e.startsWith(`${nonce}.`) && verified(e, secret, username) === null,
  );
  setCookie(c, DEVICE_COOKIE, [mine, ...others].slice(0, MAX_ENTRIES).join('~'), {
    path: '/api/auth',
    httpOnly: true,
    sameSite: 'Strict',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: MAX_AGE_S,
  });
}

/** The entry's nonce when it was signed for `username`. */
function verified(entry: string, secret: string, username: string): string | null {
  const [nonce, signature] = entry.split('.') as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, username, nonce);
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}
