/**
 * Sends due deliveries: each is claimed first (its next try moved a lease ahead, so another
 * instance does not send it at the same time, and a crash mid-send only delays it), then POSTed,
 * signed, with a timeout. A 2xx answer delivers it; anything else (another status, a refused or
 * private address, a timeout) schedules the next try by the backoff, or gives it up after 24 h.
 * At least once: a receiver that answered but whose answer was not recorded gets it again, with
 * the same `Ovoz-Webhook-Id`.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { checkedLookup, isPrivateAddress } from './addresses.js';
import { nextAttemptAt } from './backoff.js';
import { signedHeaders } from './signature.js';

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;
const PER_ROUND = 20;

export interface DeliverOptions {
  allowPrivate: boolean;
  retryBaseMs: number;
  now: () => number;
}

export interface Attempt {
  status: number | null;
  error: string | null;
}

/** One signed POST; never throws: what went wrong is in `error`. */
export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  allowPrivate: boolean,
): Promise<Attempt> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ status: null, error: 'not a URL' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    // An address literal is not looked up: it is checked here.
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
      return resolve({ status: null, error: `${host} is a private address` });
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Ovoz-Webhooks/1',
          'content-length': String(Buffer.byteLength(body)),
          ...headers,
        },
        lookup: checkedLookup(allowPrivate),
        // A connection of its own: a kept-alive socket the receiver has since closed would fail
        // the attempt (ECONNRESET), and every attempt looks its name up again anyway.
        agent: false,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
        res.on('error', (e) => resolve({ status: res.statusCode ?? null, error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', (e) => resolve({ status: null, error: e.message.slice(0, 300) }));
    req.end(body);
  });
}

/** Sends up to one round of due deliveries; returns how many were attempted. */
export async function deliverDue(db: Kysely<Database>, options: DeliverOptions): Promise<number> {
  const now = options.now();
  const due = await db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.event_id',
      'd.body',
      'd.attempts',
      'd.next_at',
      'd.created_at',
      'e.url',
      'e.secret',
    ])
    .where('d.status', '=', 'pending')
    .where('d.next_at', '<=', now)
    .where('e.active', '=', 1)
    .orderBy('d.next_at')
    .orderBy('d.id')
    .limit(PER_ROUND)
    .execute();
  const claimed = [];
  for (const d of due) {
    const taken = await db
      .updateTable('webhook_delivery')
      .set({ next_at: now + LEASE_MS })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .where('next_at', '=', d.next_at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) claimed.push(d);
  }
  await Promise.all(
    claimed.map(async (d) => {
      const headers = signedHeaders(d.secret, d.event_id, d.body, options.now());
      const attempt = await post(d.url, d.body, headers, options.allowPrivate);
      const at = options.now();
      const attempts = d.attempts + 1;
      const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
      const next = ok
        ? null
        : nextAttemptAt(attempts, Number(d.created_at), at, options.retryBaseMs);
      await db
        .updateTable('webhook_delivery')
        .set({
          attempts,
          last_status: attempt.status,
          last_error: ok ? null : (attempt.error ?? `answered ${attempt.status}`),
          status: ok ? 'delivered' : next === null ? 'failed' : 'pending',
          delivered_at: ok ? at : null,
          next_at: next ?? at,
        })
        .where('id', '=', d.id)
        .execute();
    }),
  );
  return claimed.length;
}
