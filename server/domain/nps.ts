/** NPS and CES (shared/METRICS.md): fractions, not percentages. */
import { countEntries, integerValue, type Counts } from './counts.js';
import { wilson, type Interval } from './wilson.js';

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
}

/** Net Promoter Score from a histogram of 0–10 answers: share 9–10 minus share 0–6. */
export function nps(counts: Counts): NpsResult {
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
  return { n, promoters, passives, detractors, nps: n === 0 ? null : (promoters - detractors) / n };
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

/** Customer Effort Score: share answering 5–7 on the 1–7 item. */
export function ces(counts: Counts): CesResult {
  let n = 0;
  let easy = 0;
  for (const [key, c] of countEntries(counts)) {
    const v = integerValue(key, 1, 7);
    if (v === null) continue;
    n += c;
    if (v >= 5) easy += c;
  }
  return { n, easy, rate: n === 0 ? null : easy / n, ci95: wilson(easy, n) };
}
