/**
 * Sign-in throttle. Two rules, both counting failed attempts in a sliding 15-minute window:
 *
 * - per account: 5 failures → 429 until the oldest of them leaves the window. Kept in the
 *   database (`login_attempt`) so the lock holds across restarts and across app instances; the
 *   account is stored only as an HMAC of the username with the server secret, so a password
 *   typed into the username field never lands on disk. A successful sign-in clears the account.
 * - per address: 20 failures → 429. Kept only in memory, keyed by an HMAC of the address with a
 *   salt that lives in memory and changes every day (as server/middleware/rate-limit.ts), so no
 *   address, nor anything derived from one, is ever written down.
 *
 * An attempt reserves its place before the password is checked, so parallel guesses cannot slip
 * past the limit; a wrong password leaves the reservation as a failure, a refused attempt does
 * not count, and a successful one releases its place.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';
import {
  clearAttempts,
  deleteAttempt,
  insertAttempt,
  pruneAttempts,
  recentAttempts,
} from '../repos/login-attempts.js';

export interface ThrottleRule {
  max: number;
  windowMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { max: 20, windowMs: 15 * 60_000 };

export interface Attempt {
  /** The password was right: the account's failures are forgotten, the reservation released. */
  succeeded(): Promise<void>;
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

/** In-memory failures per address (HMAC with a daily salt). */
class AddressFailures {
  private day = '';
  private salt = randomBytes(32);
  private times = new Map<string, number[]>();

  constructor(private readonly rule: ThrottleRule) {}

  /** Reserves a place for `address`, or throws 429. Returns a function that releases it. */
  reserve(address: string, now: number): () => void {
    const today = new Date(now).toISOString().slice(0, 10);
    if (today !== this.day) {
      this.day = today;
      this.salt = randomBytes(32);
      this.times = new Map();
    }
    const key = createHmac('sha256', this.salt).update(address).digest('base64url');
    const since = now - this.rule.windowMs;
    if (this.times.size > 10_000) this.prune(since);
    const list = (this.times.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.rule.max) {
      this.times.set(key, list);
      const oldestThatMustGo = list.toSorted((a, b) => b - a)[this.rule.max - 1]!;
      throw tooMany(oldestThatMustGo + this.rule.windowMs, now);
    }
    list.push(now);
    this.times.set(key, list);
    return () => {
      const i = list.indexOf(now);
      if (i >= 0) list.splice(i, 1);
    };
  }

  private prune(since: number) {
    for (const [key, list] of this.times) {
      if (!list.some((t) => t > since)) this.times.delete(key);
    }
  }
}

export class LoginThrottle {
  private readonly addresses: AddressFailures;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly secret: string,
    private readonly account: ThrottleRule = ACCOUNT_RULE,
    address: ThrottleRule = ADDRESS_RULE,
  ) {
    this.addresses = new AddressFailures(address);
  }

  /** Starts an attempt on `username` from `address`, or throws 429 TooManyRequests. */
  async begin(username: string, address: string, now: number): Promise<Attempt> {
    const releaseAddress = this.addresses.reserve(address, now);
    const account = createHmac('sha256', this.secret)
      .update(`login:${username}`)
      .digest('base64url');
    const since = now - this.account.windowMs;
    let id: number;
    try {
      await pruneAttempts(this.db, since);
      id = await insertAttempt(this.db, account, now);
      const others = await recentAttempts(this.db, account, since, id, this.account.max);
      if (others.length >= this.account.max) {
        await deleteAttempt(this.db, id);
        throw tooMany(others[this.account.max - 1]! + this.account.windowMs, now);
      }
    } catch (err) {
      releaseAddress();
      throw err;
    }
    return {
      succeeded: async () => {
        releaseAddress();
        await clearAttempts(this.db, account);
      },
    };
  }
}
