/**
 * The no-JavaScript form's signed token: which survey version the form shows, the response id
 * made when the form was first given out (so sending the last page twice stores one response),
 * and when that was (the ingest service's too-fast check). `payload.signature`, both base64url,
 * HMAC-SHA256 over the payload with a purpose of its own, so no other signed value of Ovoz (a
 * context link) passes as a form token. A form POST without a token this server signed is refused.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readSigned } from '../http/signed-payload.js';

export interface FormToken {
  /** The survey's slug. */
  s: string;
  /** The survey version the form shows. */
  v: number;
  /** The response id. */
  id: string;
  /** When the form was first given out (ISO 8601, the server's clock). */
  at: string;
}

const schema = z
  .object({
    s: z.string().min(1).max(200),
    v: z.number().int().positive(),
    id: z.uuid(),
    at: z.string().max(64),
  })
  .strict();

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(`ovoz-basic-form-1:${payload}`)
    .digest()
    .subarray(0, 16);
}

export function newFormToken(slug: string, version: number, at: Date): FormToken {
  return { s: slug, v: version, id: randomUUID(), at: at.toISOString() };
}

export function signFormToken(secret: string, token: FormToken): string {
  const payload = Buffer.from(JSON.stringify(token)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The token, or null when it is malformed, not for survey `slug` or not signed by `secret`. */
export function verifyFormToken(secret: string, slug: string, text: string): FormToken | null {
  const raw = readSigned(text, (payload) => mac(secret, payload));
  if (raw === null) return null;
  const parsed = schema.safeParse(raw);
  return parsed.success && parsed.data.s === slug ? parsed.data : null;
}
