/**
 * Small-cell suppression of rows shown beside a total (shared/METRICS.md, Honesty rules), with
 * the domain's rule (suppressParts). When the rows do not add up to the total (responses outside
 * every wave, or with no known sector), the remainder counts as one more, unshown, part: if it is
 * the only small one, a shown row is suppressed too, so the remainder cannot be recovered by
 * subtraction. Pure.
 */
import { suppressParts } from '../domain/index.js';

export function hiddenBeside(ns: readonly number[], totalN: number, k: number): boolean[] {
  const sum = ns.reduce((s, n) => s + n, 0);
  const parts = sum < totalN ? [...ns, totalN - sum] : [...ns];
  return suppressParts(parts, k, true).suppressed.slice(0, ns.length);
}
