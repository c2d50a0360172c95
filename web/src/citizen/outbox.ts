/**
 * Never lose an answer: a completed survey is written to localStorage (one pending submission per
 * survey slug) before the first try, and sent again with exponential backoff, honouring
 * Retry-After, whenever the phone comes back online and on the next page load. Every try carries
 * the same response id, so the server stores it once.
 */
import {
  sendSubmission,
  type ApiError,
  type FieldError,
  type SendResult,
  type Submission,
} from './api';
import { readJson, remove, writeJson } from './storage';

export interface Pending {
  slug: string;
  body: Submission;
  /** ISO time the citizen completed the survey. */
  savedAt: string;
  attempts: number;
}

const KEY_PREFIX = 'ovoz:pending:';
const storageKey = (slug: string) => KEY_PREFIX + slug;

export function loadPending(slug: string): Pending | null {
  const p = readJson(storageKey(slug)) as Pending | null;
  if (
    p &&
    typeof p === 'object' &&
    p.slug === slug &&
    p.body &&
    typeof p.body.id === 'string' &&
    typeof p.body.answers === 'object'
  ) {
    return { ...p, attempts: Number(p.attempts) || 0 };
  }
  return null;
}

/** True when the submission is on the phone's storage (it survives closing the page). */
export function savePending(p: Pending): boolean {
  return writeJson(storageKey(p.slug), p);
}

export function clearPending(slug: string): void {
  remove(storageKey(slug));
}

const BASE_MS = 2_000;
const MAX_MS = 5 * 60_000;
/** Retry-After is honoured, within reason (a broken header must not park an answer for days). */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Delay before try number `attempt + 1`: 2 s, 4 s, 8 s… up to 5 min, with ±25 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export type OutboxState =
  /** `retry`: an earlier try failed (the citizen has already been told the answers wait). */
  | { status: 'sending'; persisted: boolean; retry: boolean }
  | { status: 'waiting'; persisted: boolean; nextAt: number; reason: string }
  | { status: 'sent' }
  | { status: 'invalid'; fields: FieldError[] }
  | { status: 'rejected'; error: ApiError };

/**
 * Sends one pending submission until the server takes it or refuses it for good.
 * `start()` tries at once; `retryNow()` skips the wait; `stop()` ends the loop (the submission
 * stays in storage for the next page load unless it was sent or refused).
 */
export class Outbox {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private stopped = false;
  private readonly persisted: boolean;

  constructor(
    private pending: Pending,
    private readonly onState: (state: OutboxState) => void,
    persisted?: boolean,
  ) {
    this.persisted = persisted ?? savePending(pending);
  }

  private readonly onOnline = () => void this.attempt();
  /** When the next try is due; a phone throttles timers in the background, so check on return. */
  private nextAt = 0;
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() >= this.nextAt) void this.attempt();
  };

  start(): void {
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    void this.attempt();
  }

  retryNow(): void {
    void this.attempt();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  private finish(state: OutboxState): void {
    clearPending(this.pending.slug);
    this.stop();
    this.onState(state);
  }

  private async attempt(): Promise<void> {
    if (this.inFlight || this.stopped) return;
    clearTimeout(this.timer);
    this.inFlight = true;
    this.onState({
      status: 'sending',
      persisted: this.persisted,
      retry: this.pending.attempts > 0,
    });
    const result: SendResult =
      navigator.onLine === false
        ? { kind: 'retry', reason: 'offline' }
        : await sendSubmission(this.pending.slug, this.pending.body);
    this.inFlight = false;
    if (this.stopped) return;
    switch (result.kind) {
      case 'ok':
        this.finish({ status: 'sent' });
        return;
      case 'invalid':
        this.finish({ status: 'invalid', fields: result.fields });
        return;
      case 'rejected':
        this.finish({ status: 'rejected', error: result.error });
        return;
      case 'retry': {
        this.pending = { ...this.pending, attempts: this.pending.attempts + 1 };
        if (this.persisted) savePending(this.pending);
        const delay =
          result.retryAfterMs !== undefined
            ? Math.min(MAX_RETRY_AFTER_MS, Math.max(1_000, result.retryAfterMs))
            : backoffMs(this.pending.attempts);
        this.nextAt = Date.now() + delay;
        this.timer = setTimeout(() => void this.attempt(), delay);
        this.onState({
          status: 'waiting',
          persisted: this.persisted,
          nextAt: this.nextAt,
          reason: result.reason,
        });
      }
    }
  }
}
