/** Honesty flags of a rate row (shared/METRICS.md, "Honesty rules"). */
import type { Interval } from './wilson.js';

/** n below this → flag `low_n`. */
export const LOW_N = 30;
/** Interval width (high − low) above this → flag `wide_ci`. */
export const WIDE_CI = 0.2;

export type RateFlag = 'low_n' | 'wide_ci';

/** `low_n` when n < 30; `wide_ci` when the interval is wider than 0.20 (strictly). */
export function rateFlags(n: number, ci95: Interval | null): RateFlag[] {
  const flags: RateFlag[] = [];
  if (n < LOW_N) flags.push('low_n');
  if (ci95 !== null && ci95[1] - ci95[0] > WIDE_CI) flags.push('wide_ci');
  return flags;
}
