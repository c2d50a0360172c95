/**
 * Sign-in throttling that stops guessing without letting strangers lock people out. Failures are
 * counted per key, in the database (so every server instance on it sees them), and past a key's
 * free failures each further one blocks the key for twice as long as the last (1 s, 2 s, 4 s…, at
 * most 15 minutes): exponential slow-down, not a lock an attacker can renew at no cost.
 *
 * - an account from one address: 3 free. Someone guessing from their own address slows only
 *   themselves; the person whose account it is, signing in from anywhere else, is not held up.
 * - an address, whatever the account: 30 free (password spraying from one address).
 * - an account from many addresses: 10 free, counting each address once, and only for browsers
 *   without the account's device cookie (server/auth/device-cookie.ts). Guessing spread over
 *   many addresses slows new browsers down; a browser in which the person signed in before still
 *   gets in at once.
 * - a device cookie: 5 free. A browser with the account's device cookie is held up only by
 *   failures under that cookie (so a stolen cookie is no free pass).
 *
 * An attempt counts as a failure before the password is checked (parallel guesses cannot slip
 * past), and a right password takes it back. Keys are HMACs with the server secret: of the
 * account name (a password typed into the name field never lands on disk), and of an address
 * with the day, so an address is never written down and is forgotten within a day. Refused
 * attempts are audited once per block (`auth.refused`), and each block's start (`auth.lockout`).
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { audit } from '../repos/audit.js';
import {
  blockedKeys,
  blockKey,
  clearKey,
  countFailure,
  markReported,
  pruneThrottle,
  releaseKey,
} from '../repos/sign-in-throttle.js';

export interface ThrottleRule {
  /** Failures allowed before the first block. */
  free: number;
  /** The first block; each further failure doubles it, up to `capMs`. */
  baseMs: number;
  capMs: number;
}

export type Scope = 'account-address' | 'address' | 'account' | 'device';

export const RULES: Record<Scope, ThrottleRule> = {
  'account-address': { free: 3, baseMs: 1000, capMs: 15 * 60_000 },
  address: { free: 30, baseMs: 1000, capMs: 15 * 60_000 },
  account: { free: 10, baseMs: 1000, capMs: 15 * 60_000 },
  device: { free: 5, baseMs: 1000, capMs: 15 * 60_000 },
};

/** A key without a failure for this long, and no block, is forgotten. */
export const FORGET_MS = 60 * 60_000;

/** How long the `failures`-th failure blocks a key under `rule`. */
export function blockFor(rule: ThrottleRule, failures: number): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(30, failures - rule.free - 1));
}

export interface Attempt {
  /** The password was right: the failure counted for this attempt is taken back. */
  succeeded(): Promise<void>;
  /** The password was wrong: blocks that began with it are audited. */
  failed(): Promise<void>;
}

interface Key {
  key: string;
  scope: Scope;
}

function tooMany(retryAtMs: number, now: number): AppError {
  const retryAfter = Math.max(1, Math.ceil((retryAtMs - now) / 1000));
  return new AppError(
    'TooManyRequests',
    'too many failed sign-in attempts; try again later',
    undefined,
    retryAfter,
  );
}

export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secret: string,
    private readonly rules: Record<Scope, ThrottleRule> = RULES,
  ) {}

  private hmac(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }

  /**
   * Starts an attempt on `username` from `address` (with this browser's device nonce for the
   * account, if it has one), or throws 429 TooManyRequests with Retry-After. `known` tells
   * whether the account exists (only then is its name put in the audit log).
   */
  async begin(
    username: string,
    address: string,
    device: string | null,
    now: number,
    known: boolean,
  ): Promise<Attempt> {
    const day = new Date(now).toISOString().slice(0, 10);
    const account = this.hmac(`login:${username}`);
    const keys: Key[] = device
      ? [{ key: `d:${this.hmac(`device:${device}`)}`, scope: 'device' }]
      : [
          { key: `p:${this.hmac(`pair:${day}:${address}:${username}`)}`, scope: 'account-address' },
          { key: `i:${this.hmac(`address:${day}:${address}`)}`, scope: 'address' },
          { key: `a:${account}`, scope: 'account' },
        ];
    await pruneThrottle(this.db, now - FORGET_MS, now);

    const blocked = await blockedKeys(
      this.db,
      keys.map((k) => k.key),
      now,
    );
    if (blocked.length) await this.refuse(keys, blocked, username, known, now);

    // Count this attempt as a failure on each key; the account-wide key once per address.
    const counted: { key: Key; failures: number }[] = [];
    for (const k of keys) {
      if (k.scope === 'account' && counted[0]?.failures !== 1) continue;
      const failures = await countFailure(this.db, k.key, now);
      if (failures === null) {
        await this.undo(counted.map((c) => c.key));
        throw tooMany(now + 1000, now);
      }
      counted.push({ key: k, failures });
      const ms = blockFor(this.rules[k.scope], failures);
      if (ms > 0) await blockKey(this.db, k.key, now + ms);
    }

    return {
      succeeded: async () => {
        await this.undo(counted.map((c) => c.key));
        // The person is in: guessing at the account from elsewhere is forgotten too.
        await clearKey(this.db, `a:${account}`);
      },
      failed: async () => {
        for (const { key, failures } of counted) {
          const ms = blockFor(this.rules[key.scope], failures);
          if (ms > 0) {
            await audit(this.db, { username: 'system' }, 'auth.lockout', known ? username : null, {
              scope: key.scope,
              failures,
              seconds: Math.ceil(ms / 1000),
            });
          }
        }
      },
    };
  }

  /** Takes back the failures counted for an attempt: the address's one, the others whole. */
  private async undo(keys: Key[]): Promise<void> {
    for (const k of keys) {
      if (k.scope === 'address') await releaseKey(this.db, k.key);
      else await clearKey(this.db, k.key);
    }
  }

  private async refuse(
    keys: Key[],
    blocked: { key: string; blockedUntil: number }[],
    username: string,
    known: boolean,
    now: number,
  ): Promise<never> {
    const until = Math.max(...blocked.map((b) => b.blockedUntil));
    for (const b of blocked) {
      if (await markReported(this.db, b.key, b.blockedUntil)) {
        const scope = keys.find((k) => k.key === b.key)?.scope;
        await audit(this.db, { username: 'system' }, 'auth.refused', known ? username : null, {
          scope,
          retryAfter: Math.ceil((b.blockedUntil - now) / 1000),
        });
      }
    }
    throw tooMany(until, now);
  }
}
