/**
 * Signed context links: `c` fixes region, district, provider and channel for a QR code or a link,
 * so the survey does not ask them. `payload.signature`, both base64url; HMAC-SHA256 truncated to
 * 128 bits keeps printed QR codes small.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { LinkContext } from '../survey/types.js';

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const payloadSchema = z
  .object({ r: code.optional(), d: code.optional(), p: code.optional(), ch: code.optional() })
  .strict();

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`ovoz-context:${payload}`).digest().subarray(0, 16);
}

export function signContext(secret: string, ctx: LinkContext): string {
  const payload = Buffer.from(
    JSON.stringify({ r: ctx.region, d: ctx.district, p: ctx.provider, ch: ctx.channel }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The context a link carries, or null when it is malformed or its signature does not match. */
export function verifyContext(secret: string, c: string): LinkContext | null {
  if (c.length > 1024) return null;
  const [payload, signature, extra] = c.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { r, d, p, ch } = parsed.data;
  return { region: r, district: d, provider: p, channel: ch };
}
