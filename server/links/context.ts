/**
 * Signed context links: `c` fixes region, district, provider and channel for a QR code or a link,
 * so the survey does not ask them. `payload.signature`, both base64url; HMAC-SHA256 truncated to
 * 128 bits keeps printed QR codes small. The signature covers the survey's slug (which the link
 * carries in its path, not in `c`), so a link made for one survey is refused on any other; and
 * the channel is one of a closed list. Links signed before the slug was covered no longer verify:
 * they must be made (and printed) again.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { readSigned } from '../http/signed-payload.js';
import type { LinkContext } from '../../common/survey/types.js';
import { CHANNELS } from '../../common/reports/dimensions.js';

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const payloadSchema = z
  .object({
    r: code.optional(),
    d: code.optional(),
    p: code.optional(),
    ch: z.enum(CHANNELS).optional(),
  })
  .strict();

function mac(secret: string, slug: string, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(`ovoz-context-2:${slug}:${payload}`)
    .digest()
    .subarray(0, 16);
}

export function signContext(secret: string, slug: string, ctx: LinkContext): string {
  if (ctx.channel !== undefined && !(CHANNELS as readonly string[]).includes(ctx.channel)) {
    throw new Error(`unknown channel ${JSON.stringify(ctx.channel)}`);
  }
  const payload = Buffer.from(
    JSON.stringify({ r: ctx.region, d: ctx.district, p: ctx.provider, ch: ctx.channel }),
  ).toString('base64url');
  return `${payload}.${mac(secret, slug, payload).toString('base64url')}`;
}

/**
 * The context a link for survey `slug` carries, or null when it is malformed, was made for
 * another survey, or its signature does not match.
 */
export function verifyContext(secret: string, slug: string, c: string): LinkContext | null {
  // A printed link is answered through thousands of times: the same text, verified once.
  let known = verified.get(secret);
  if (!known) verified.set(secret, (known = new Map()));
  const key = `${slug}\u0000${c}`;
  const hit = known.get(key);
  if (hit) return { ...hit };
  const raw = readSigned(c, (payload) => mac(secret, slug, payload));
  if (raw === null) return null;
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { r, d, p, ch } = parsed.data;
  const context = { region: r, district: d, provider: p, channel: ch };
  if (known.size >= MAX_VERIFIED) known.clear();
  known.set(key, context);
  return { ...context };
}

/** Links verified at most, per secret (only links whose signature matched are kept). */
const MAX_VERIFIED = 10_000;
const verified = new Map<string, Map<string, LinkContext>>();
