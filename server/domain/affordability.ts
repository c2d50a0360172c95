/**
 * Affordability index and informal-payment rate (shared/METRICS.md), from the payment question
 * (`affordability` role: `none`, `formal`, `informal`, `both`, or `na` = prefer not to say / don't
 * know) crossed with its follow-up (`affordability:afford`: `yes` could afford it, `no` could not;
 * asked only of those who paid). The cross is counted at ingest as one answer `<paid>/<afford>`
 * (the afford part empty when the follow-up was skipped): see server/ingest/facts.ts.
 *
 * - Affordability index = (none + formal & could afford) / (none + formal & yes + formal & no +
 *   every informal payer). An informal payment (alone or with an official fee) is never
 *   "affordable": it counts against the index whatever the follow-up says. Those who paid only
 *   formally and skipped the follow-up cannot be placed: they are left out of the index and shown
 *   as their own share (`followUpSkipped`).
 * - Informal-payment rate = (informal + both) / (none + formal + informal + both).
 * - Item non-response, shown beside both: `preferNotToSay` = na / every response; `noAnswer` =
 *   responses that gave no answer to the payment question / every response.
 * - Each rate with its Wilson 95% interval.
 *
 * A selection whose rollups hold the payment answers but not their cross with the follow-up
 * (counted before the cross existed: `ovoz rollups rebuild` adds it) has no index, with the reason
 * `rollups_need_rebuild`, rather than a number computed another way.
 */
import { NOT_APPLICABLE, countEntries, type Counts } from './counts.js';
import { rateNoise, varianceOf, wilsonWithNoise, type CountVariances } from './perturbation.js';
import { wilson, type Interval } from './wilson.js';

export interface RateWithInterval {
  x: number;
  n: number;
  rate: number | null;
  ci95: Interval | null;
  /** Present (true) when the interval includes the perturbation's variance. */
  includesPerturbation?: true;
}

export interface AffordabilityResult {
  /** The index's denominator. */
  n: number;
  /** Paid nothing. */
  none: number;
  /** Paid only an official fee, by the follow-up. */
  formalAfford: number;
  formalCannotAfford: number;
  /** Paid only formally and skipped the follow-up: left out of the index. */
  formalSkipped: number;
  /** Paid informally (alone or with an official fee), whatever the follow-up. */
  informal: number;
  /** (none + formalAfford) / n, or null. */
  index: number | null;
  ci95: Interval | null;
  /** The informal-payment rate, an indicator of its own. */
  informalRate: RateWithInterval;
  /** Item non-response and sensitive-item shares, each of every response. */
  itemNonResponse: {
    responses: number;
    preferNotToSay: number;
    preferNotToSayShare: number | null;
    noAnswer: number;
    noAnswerShare: number | null;
    followUpSkipped: number;
    followUpSkippedShare: number | null;
  };
  /** Why there is no index (null when there is one or simply no data). */
  reason: 'rollups_need_rebuild' | null;
  /** Present (true) when the intervals include the perturbation's variance. */
  includesPerturbation?: true;
}

/** The noise variance of each value's count of both variables (protected figures). */
export interface AffordabilityNoise {
  paid: CountVariances;
  cross: CountVariances;
}

const share = (x: number, n: number) => (n > 0 ? x / n : null);

/**
 * @param paidCounts the payment question's answers by value
 * @param crossCounts the `<paid>/<afford>` answers
 * @param responses the responses of the selection (the base of the non-response shares)
 * @param noise protected figures: the counts' noise variances, included in both intervals
 */
export function affordability(
  paidCounts: Counts,
  crossCounts: Counts,
  responses: number,
  noise?: AffordabilityNoise,
): AffordabilityResult {
  let answered = 0;
  let na = 0;
  let none = 0;
  let paidFormal = 0;
  let paidInformal = 0;
  for (const [key, c] of countEntries(paidCounts)) {
    answered += c;
    if (key === NOT_APPLICABLE) na += c;
    else if (key === 'none') none += c;
    else if (key === 'formal') paidFormal += c;
    else paidInformal += c; // informal, both (and any other way of paying)
  }
  let formalAfford = 0;
  let formalCannotAfford = 0;
  let formalSkipped = 0;
  let crossTotal = 0;
  for (const [key, c] of countEntries(crossCounts)) {
    crossTotal += c;
    if (key === 'formal/yes') formalAfford += c;
    else if (key === 'formal/no') formalCannotAfford += c;
    else if (key.startsWith('formal/')) formalSkipped += c;
  }
  const valid = none + paidFormal + paidInformal;
  const paidVar = (pick: (key: string) => boolean) => varianceOf(noise?.paid, pick);
  const crossVar = (pick: (key: string) => boolean) => varianceOf(noise?.cross, pick);
  const isInformal = (key: string) => key !== NOT_APPLICABLE && key !== 'none' && key !== 'formal';
  /** Wilson, or with the perturbation's variance of the two counts. */
  const interval = (x: number, n: number, vTop: number, vRest: number) =>
    noise ? wilsonWithNoise(x, n, rateNoise(x, n, vTop, vRest)) : wilson(x, n);
  const marked = noise ? { includesPerturbation: true as const } : {};
  const informalRate: RateWithInterval = {
    x: paidInformal,
    n: valid,
    rate: share(paidInformal, valid),
    ci95: interval(
      paidInformal,
      valid,
      paidVar(isInformal),
      paidVar((k) => k === 'none' || k === 'formal'),
    ),
    ...marked,
  };
  const itemNonResponse = {
    responses,
    preferNotToSay: na,
    preferNotToSayShare: share(na, responses),
    noAnswer: Math.max(0, responses - answered),
    noAnswerShare: share(Math.max(0, responses - answered), responses),
    followUpSkipped: formalSkipped,
    followUpSkippedShare: share(formalSkipped, responses),
  };
  const base = {
    none,
    formalAfford,
    formalCannotAfford,
    formalSkipped,
    informal: paidInformal,
    informalRate,
    itemNonResponse,
  };
  if (paidFormal > 0 && crossTotal === 0) {
    return { ...base, n: 0, index: null, ci95: null, reason: 'rollups_need_rebuild' };
  }
  const n = none + formalAfford + formalCannotAfford + paidInformal;
  return {
    ...base,
    n,
    index: share(none + formalAfford, n),
    ci95: interval(
      none + formalAfford,
      n,
      paidVar((k) => k === 'none') + crossVar((k) => k === 'formal/yes'),
      paidVar(isInformal) + crossVar((k) => k === 'formal/no'),
    ),
    reason: null,
    ...marked,
  };
}
