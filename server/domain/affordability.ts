/**
 * Affordability index (shared/METRICS.md): the share of valid answers reporting no out-of-pocket
 * or informal cost, or a cost they could afford.
 *
 * Inputs are two histograms:
 * - the `affordability` question by value: `'none'` = paid nothing; `'na'` (don't know / not
 *   applicable) is excluded; every other value = paid something;
 * - the follow-up `affordability:afford` question (asked only when something was paid):
 *   `'yes'` = could afford it, `'no'` = could not; other values (e.g. `'na'`) are excluded.
 *
 * index = (none + afford_yes) / (none + afford_yes + afford_no); null when that denominator is 0.
 * Respondents who paid but did not answer the follow-up are therefore left out of the index.
 */
import { NOT_APPLICABLE, countEntries, countOf, type Counts } from './counts.js';

export interface AffordabilityResult {
  /** The denominator: none + affordYes + affordNo. */
  n: number;
  /** Answers "paid nothing". */
  none: number;
  /** Answers "paid something" (any value other than none/na). */
  paid: number;
  /** Paid and could afford it. */
  affordYes: number;
  /** Paid and could not afford it. */
  affordNo: number;
  /** (none + affordYes) / n, or null when n = 0. */
  index: number | null;
}

export function affordabilityIndex(costCounts: Counts, affordCounts: Counts): AffordabilityResult {
  let none = 0;
  let paid = 0;
  for (const [key, c] of countEntries(costCounts)) {
    if (key === 'none') none += c;
    else if (key !== NOT_APPLICABLE) paid += c;
  }
  const affordYes = countOf(affordCounts, 'yes');
  const affordNo = countOf(affordCounts, 'no');
  const n = none + affordYes + affordNo;
  return { n, none, paid, affordYes, affordNo, index: n === 0 ? null : (none + affordYes) / n };
}
