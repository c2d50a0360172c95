/**
 * When a failed delivery is tried again: exponential backoff from `baseMs` (doubling each
 * attempt, at most 6 hours apart), for 24 hours from the event; after that it is given up.
 * Pure: the clock comes in.
 */
export const RETRY_FOR_MS = 24 * 3_600_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/** The time of the next try after `attempts` failed ones, or null when it is given up. */
export function nextAttemptAt(
  attempts: number,
  createdAt: number,
  now: number,
  baseMs: number,
): number | null {
  const delay = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  const at = now + delay;
  return at > createdAt + RETRY_FOR_MS ? null : at;
}
