/**
 * `payload.signature` values (both base64url, the payload JSON): a context link's `c`, the
 * no-JavaScript form's token. Reads one back, checking the signature in constant time.
 */
import { timingSafeEqual } from 'node:crypto';

/** The payload's JSON value, or null when `text` is malformed or `mac` disagrees with it. */
export function readSigned(text: string, mac: (payload: string) => Buffer): unknown {
  if (text.length > 1024) return null;
  const [payload, signature, extra] = text.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
