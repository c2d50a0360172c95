/**
 * Small-cell suppression (shared/METRICS.md, "Honesty rules").
 *
 * Primary: a part with n < k (default 5; `OVOZ_MIN_CELL`) is suppressed. Parts with n = 0 are
 * treated like any other part below k (callers that do not show empty groups should not pass
 * them).
 *
 * Complementary: when a total is shown beside its parts and exactly one part is suppressed, the
 * next-smallest part is suppressed too, so the hidden one cannot be recovered by subtracting the
 * shown parts from the total:
 * - "next smallest" = the smallest n among the parts not yet suppressed (it may be ≥ k);
 * - ties: among equal smallest n, the part that comes first in the input order;
 * - when only one other part exists it is suppressed (both parts hidden; the total alone does not
 *   reveal either);
 * - when the suppressed part is the only part, there is nothing else to suppress: the total equals
 *   that part, so it is below k and the caller's primary rule suppresses the total itself.
 * When two or more parts are suppressed by the primary rule, no complementary suppression is
 * needed (only their sum is recoverable).
 */

/** Default minimum cell size k. */
export const DEFAULT_MIN_CELL = 5;

export type SuppressionReason = 'below_k' | 'complementary';

export interface SuppressionResult {
  /** suppressed[i]: part i must not be shown. Same order as the input. */
  suppressed: boolean[];
  /** Why part i is suppressed, or null when it is shown. */
  reasons: (SuppressionReason | null)[];
}

/** Whether a single group of n responses is suppressed (n < k). */
export function isSuppressed(n: number, k: number = DEFAULT_MIN_CELL): boolean {
  return n < k;
}

/**
 * Decides which parts to suppress. `totalShown`: a total of these parts is shown beside them
 * (default true), which triggers complementary suppression.
 */
export function suppressParts(
  counts: readonly number[],
  k: number = DEFAULT_MIN_CELL,
  totalShown: boolean = true,
): SuppressionResult {
  const reasons: (SuppressionReason | null)[] = counts.map((n) => (n < k ? 'below_k' : null));
  const primary = reasons.filter((r) => r !== null).length;
  if (totalShown && primary === 1) {
    let pick = -1;
    counts.forEach((n, i) => {
      if (reasons[i] !== null) return;
      const best = pick >= 0 ? counts[pick] : undefined;
      if (best === undefined || n < best) pick = i;
    });
    if (pick >= 0) reasons[pick] = 'complementary';
  }
  return { suppressed: reasons.map((r) => r !== null), reasons };
}
