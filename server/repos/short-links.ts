/**
 * Short printed codes (`<PUBLIC_URL>/k/7F3Q`): the address on a poster that a citizen can type by
 * hand. One code per survey, provider and channel, made the first time a poster or slip asks for
 * it and the same ever after, so reprinted posters keep their code. Plain functions over Kysely.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Letters and digits that cannot be mistaken for one another when typed (no 0/O, 1/I/L). */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const SHORT_CODE = new RegExp(`^[${SHORT_CODE_ALPHABET}]{4,8}$`);
/** Four characters (923,521 codes); a fifth once four keeps colliding. */
const LENGTHS = [4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6];

export interface ShortLinkTarget {
  slug: string;
  provider: string;
  channel?: string;
}

/** A typed-in code as stored (upper case, spaces and dashes dropped), or null when it cannot be one. */
export function normalizeShortCode(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  return SHORT_CODE.test(code) ? code : null;
}

function randomCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++)
    out += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return out;
}

async function existing(db: Kysely<Database>, t: ShortLinkTarget): Promise<string | null> {
  const row = await db
    .selectFrom('short_link')
    .select('code')
    .where('slug', '=', t.slug)
    .where('provider', '=', t.provider)
    .where('channel', '=', t.channel ?? '')
    .executeTakeFirst();
  return row?.code ?? null;
}

/** The code for this survey, provider and channel: the one made before, or a new one. */
export async function shortCodeFor(
  db: Kysely<Database>,
  target: ShortLinkTarget,
  now: number = Date.now(),
): Promise<string> {
  const found = await existing(db, target);
  if (found) return found;
  for (const length of LENGTHS) {
    const code = randomCode(length);
    // Either key may be taken: the code by another target, the target by a concurrent request.
    const inserted = await db
      .insertInto('short_link')
      .values({
        code,
        slug: target.slug,
        provider: target.provider,
        channel: target.channel ?? '',
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return code;
    const made = await existing(db, target);
    if (made) return made;
  }
  throw new Error('no free short code');
}

/** What a code stands for, or null when no poster was ever made with it. */
export async function resolveShortCode(
  db: Kysely<Database>,
  raw: string,
): Promise<ShortLinkTarget | null> {
  const code = normalizeShortCode(raw);
  if (!code) return null;
  const row = await db
    .selectFrom('short_link')
    .select(['slug', 'provider', 'channel'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  return {
    slug: row.slug,
    provider: row.provider,
    ...(row.channel ? { channel: row.channel } : {}),
  };
}
