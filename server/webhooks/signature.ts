/**
 * Webhook signatures, as Stripe and Standard Webhooks do it (docs/webhooks.md): each request
 * carries `Ovoz-Webhook-Id` (the idempotency key, the same on every retry),
 * `Ovoz-Webhook-Timestamp` (seconds since the epoch, of this attempt) and
 * `Ovoz-Webhook-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's secret>`.
 * A receiver recomputes it over the raw body, compares in constant time and refuses a timestamp
 * more than REPLAY_WINDOW_SECONDS from its own clock, so a captured request cannot be replayed later.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const REPLAY_WINDOW_SECONDS = 300;

export const HEADER_ID = 'ovoz-webhook-id';
export const HEADER_TIMESTAMP = 'ovoz-webhook-timestamp';
export const HEADER_SIGNATURE = 'ovoz-webhook-signature';

/** A new signing secret: 32 random bytes, prefixed so it is recognisable. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one attempt. */
export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    [HEADER_ID]: id,
    [HEADER_TIMESTAMP]: String(timestamp),
    [HEADER_SIGNATURE]: sign(secret, timestamp, body),
  };
}

/**
 * What a receiver does: true when `signature` is this body's with this secret and the timestamp
 * is within the replay window of `nowMs`. Several `v1=` values (comma-separated) may be sent while
 * a secret is rotated; any one matching passes.
 */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: string,
  nowMs: number,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isSafeInteger(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - timestamp) > windowSeconds) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  return headers.signature.split(',').some((s) => {
    const given = Buffer.from(s.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
