/**
 * One-time links from service events. A token is 128 random bits (base64url, 22 characters);
 * only its sha256 is stored, and nothing links it to the response it produces.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';
import type { Registry } from '../repos/registry.js';
import { findToken, insertTokens } from '../repos/tokens.js';
import { sha256 } from '../survey/canonical.js';
import type { LinkContext } from '../../common/survey/types.js';

export const TOKEN_TTL_DAYS = 30;
const DAY_MS = 86_400_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function hashToken(token: string): string {
  return sha256(token);
}

/**
 * A new token. Never one that starts with `-`: a spreadsheet would read it as a formula, and the
 * formula-safe CSV of a link batch would then have to write it with an apostrophe in front, which
 * the provider's system would take as part of the token.
 */
export function newToken(): { token: string; hash: string } {
  let token: string;
  do token = randomBytes(16).toString('base64url');
  while (token.startsWith('-'));
  return { token, hash: hashToken(token) };
}

/** Whole days from application to delivery (YYYY-MM-DD each), when both are known. */
export function serviceDays(requestedAt: string | null, deliveredAt: string | null): number | null {
  if (!requestedAt || !deliveredAt) return null;
  const days = Math.round((Date.parse(deliveredAt) - Date.parse(requestedAt)) / DAY_MS);
  return Number.isFinite(days) && days >= 0 ? days : null;
}

export interface CheckedToken {
  hash: string;
  /** Provider, district and region: the response's dimensions, and what the survey page is told. */
  link: LinkContext;
  serviceDays: number | null;
}

const invalid = () => new AppError('InvalidContext', 'this link is not valid');

/**
 * Checks a token for a survey. Unknown, forged or another survey's: 400 InvalidContext.
 *
 * Opening a link (`open`) never tells whether it was used: a used link opens exactly as an unused
 * one (the same page, the same context), and any link past its date is 410 TokenExpired, so
 * whoever issued the link cannot watch for its use. Only a submission learns it (`submit`): a
 * used token passes here and the writer settles it, after looking at the response id first, so a
 * retry of an acknowledged submission still gets its receipt; an unused, expired one is 410.
 */
export async function checkToken(
  db: Kysely<Database>,
  token: string,
  surveyId: number,
  now: Date,
  mode: 'open' | 'submit',
): Promise<CheckedToken> {
  if (!TOKEN_PATTERN.test(token)) throw invalid();
  const hash = hashToken(token);
  const row = await findToken(db, hash);
  if (!row || row.survey_id !== surveyId) throw invalid();
  const expired = row.expires_at <= now.toISOString();
  if (expired && (mode === 'open' || row.used === null)) {
    throw new AppError('TokenExpired', 'this link has expired');
  }
  const link: LinkContext = { provider: row.provider, district: row.district, region: row.region };
  return { hash, link, serviceDays: serviceDays(row.requested_at, row.delivered_at) };
}

export interface ServiceEvent {
  serviceType?: string;
  /** YYYY-MM-DD */
  requestedAt?: string;
  /** YYYY-MM-DD */
  deliveredAt?: string;
}

export interface IssuedLink {
  url: string;
  token: string;
  expiresAt: string;
}

export function tokenUrl(publicUrl: string, slug: string, token: string): string {
  return `${publicUrl}/s/${slug}?t=${token}`;
}

/** Creates `count` one-time links for one provider's service event. Only hashes are stored. */
export async function issueTokens(
  db: Kysely<Database>,
  args: {
    survey: { id: number; slug: string };
    provider: Registry['providers'][number];
    event: ServiceEvent;
    count: number;
    publicUrl: string;
    now: Date;
    ttlDays?: number;
  },
): Promise<IssuedLink[]> {
  const expiresAt = new Date(
    args.now.getTime() + (args.ttlDays ?? TOKEN_TTL_DAYS) * DAY_MS,
  ).toISOString();
  const fresh = Array.from({ length: args.count }, newToken);
  await insertTokens(
    db,
    fresh.map(({ hash }) => ({
      token_hash: hash,
      survey_id: args.survey.id,
      provider: args.provider.code,
      region: args.provider.region,
      district: args.provider.district,
      service_type: args.event.serviceType ?? null,
      requested_at: args.event.requestedAt ?? null,
      delivered_at: args.event.deliveredAt ?? null,
      expires_at: expiresAt,
      used: null,
    })),
  );
  return fresh.map(({ token }) => ({
    url: tokenUrl(args.publicUrl, args.survey.slug, token),
    token,
    expiresAt,
  }));
}

/** A provider IT system's API key: shown once, stored only as its sha256. */
export function newApiKey(): { key: string; hash: string } {
  const key = `ovoz_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return sha256(key);
}
