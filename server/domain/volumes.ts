/**
 * Ratios from administrative service volumes (shared/METRICS.md): response rate = responses /
 * people offered the survey; coverage coefficient = people served / people eligible. Both are null
 * (never 0) when the denominator is missing (undefined or null) or 0, or the numerator is missing.
 * Coverage may exceed 1 (served counts can include people outside the recorded eligible
 * population); it is not capped here.
 */

type MaybeNumber = number | null | undefined;

/** numerator / denominator, or null when either is missing or not finite, or the denominator is 0. */
export function safeRatio(numerator: MaybeNumber, denominator: MaybeNumber): number | null {
  if (numerator === null || numerator === undefined || !Number.isFinite(numerator)) return null;
  if (denominator === null || denominator === undefined || !Number.isFinite(denominator)) {
    return null;
  }
  if (denominator === 0) return null;
  return numerator / denominator;
}

/** responses / offered; null when offered is missing or 0. */
export function responseRate(responses: MaybeNumber, offered: MaybeNumber): number | null {
  return safeRatio(responses, offered);
}

/** served / eligible; null when eligible is missing or 0, or served is missing. */
export function coverageCoefficient(served: MaybeNumber, eligible: MaybeNumber): number | null {
  return safeRatio(served, eligible);
}
