/**
 * NPS and CES (shared/METRICS.md): fractions, not percentages.
 *
 * The NPS interval is Rocks (2016, The American Statistician 70(4), "Interval estimation for the
 * 'Net Promoter Score'") adjusted Wald: add 3/4 to the promoters and to the detractors and 3 to n,
 * p̃ = (promoters + 3/4)/(n + 3), d̃ = (detractors + 3/4)/(n + 3), centre p̃ − d̃,
 * variance (p̃ + d̃ − (p̃ − d̃)²)/(n + 3), and centre ± z·sqrt(variance), kept inside [−1, 1].
 */
import { countEntries, integerValue, type Counts } from './counts.js';
import {
  npsNoise,
  rateNoise,
  varianceOf,
  wilsonWithNoise,
  type CountVariances,
} from './perturbation.js';
import { wilson, Z95, type Interval } from './wilson.js';

/**
 * Rocks (2016) adjusted Wald 95% interval of an NPS; null when n = 0. `added`: variance the NPS
 * carries besides sampling (protected figures: the perturbation's, perturbation.ts npsNoise),
 * added to the adjusted Wald variance.
 */
export function npsInterval(
  promoters: number,
  detractors: number,
  n: number,
  z: number = Z95,
  added = 0,
): Interval | null {
  if (n === 0) return null;
  const m = n + 3;
  const p = (promoters + 0.75) / m;
  const d = (detractors + 0.75) / m;
  const centre = p - d;
  const half = z * Math.sqrt((p + d - centre * centre) / m + Math.max(0, added));
  return [Math.max(-1, centre - half), Math.min(1, centre + half)];
}

export interface NpsResult {
  /** Valid answers 0–10 ("na" and anything else excluded). */
  n: number;
  /** Answers 9–10. */
  promoters: number;
  /** Answers 7–8. */
  passives: number;
  /** Answers 0–6. */
  detractors: number;
  /** (promoters − detractors) / n, a fraction in [−1, 1]; null when n = 0. */
  nps: number | null;
  /** Rocks (2016) adjusted Wald 95% interval; null when n = 0. */
  ci95: Interval | null;
  /** Present (true) when the interval includes the perturbation's variance. */
  includesPerturbation?: true;
}

/**
 * Net Promoter Score from a histogram of 0–10 answers: share 9–10 minus share 0–6. `noise`: the
 * noise variance of each value's count (protected figures), included in the interval.
 */
export function nps(counts: Counts, noise?: CountVariances): NpsResult {
  let n = 0;
  let promoters = 0;
  let detractors = 0;
  for (const [key, c] of countEntries(counts)) {
    const v = integerValue(key, 0, 10);
    if (v === null) continue;
    n += c;
    if (v >= 9) promoters += c;
    else if (v <= 6) detractors += c;
  }
  const passives = n - promoters - detractors;
  const category = (pick: (v: number) => boolean) =>
    varianceOf(noise, (key) => {
      const v = integerValue(key, 0, 10);
      return v !== null && pick(v);
    });
  const added = noise
    ? npsNoise(promoters, passives, detractors, {
        promoters: category((v) => v >= 9),
        passives: category((v) => v === 7 || v === 8),
        detractors: category((v) => v <= 6),
      })
    : 0;
  return {
    n,
    promoters,
    passives,
    detractors,
    nps: n === 0 ? null : (promoters - detractors) / n,
    ci95: npsInterval(promoters, detractors, n, Z95, added),
    ...(noise ? { includesPerturbation: true as const } : {}),
  };
}

export interface CesResult {
  /** Valid answers 1–7. */
  n: number;
  /** Answers 5–7 ("it was easy"). */
  easy: number;
  /** easy / n, or null when n = 0. */
  rate: number | null;
  /** Wilson 95% interval of the rate, or null when n = 0. */
  ci95: Interval | null;
}

/**
 * Customer Effort Score: share answering 5–7 on the 1–7 item. `noise`: the noise variance of each
 * value's count (protected figures), included in the interval.
 */
export function ces(counts: Counts, noise?: CountVariances): CesResult {
  let n = 0;
  let easy = 0;
  for (const [key, c] of countEntries(counts)) {
    const v = integerValue(key, 1, 7);
    if (v === null) continue;
    n += c;
    if (v >= 5) easy += c;
  }
  if (noise) {
    const of = (pick: (v: number) => boolean) =>
      varianceOf(noise, (key) => {
        const v = integerValue(key, 1, 7);
        return v !== null && pick(v);
      });
    const added = rateNoise(
      easy,
      n,
      of((v) => v >= 5),
      of((v) => v < 5),
    );
    return { n, easy, rate: n === 0 ? null : easy / n, ci95: wilsonWithNoise(easy, n, added) };
  }
  return { n, easy, rate: n === 0 ? null : easy / n, ci95: wilson(easy, n) };
}
