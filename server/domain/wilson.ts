/** The Wilson score interval of a proportion (shared/METRICS.md, "95% interval of a rate"). */

/** z for a two-sided 95% interval, exactly as METRICS.md gives it. */
export const Z95 = 1.959964;

/** A two-element interval `[low, high]`. */
export type Interval = [number, number];

/**
 * Wilson score interval of x successes out of n trials:
 * `centre = (p + z²/2n) / (1 + z²/n)`, `half = z/(1 + z²/n) · sqrt(p(1−p)/n + z²/4n²)`.
 *
 * The lower bound is exactly 0 when x = 0 and the upper bound exactly 1 when x = n (the formula
 * gives these values mathematically; they are set exactly so rounding cannot leave −1e−17).
 * Returns null when n = 0 (no data, no interval).
 */
export function wilson(x: number, n: number, z: number = Z95): Interval | null {
  if (!Number.isFinite(x) || !Number.isFinite(n) || x < 0 || n < 0 || x > n) {
    throw new RangeError(`wilson: need 0 ≤ x ≤ n, got x=${x}, n=${n}`);
  }
  if (n === 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const low = x === 0 ? 0 : Math.max(0, centre - half);
  const high = x === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}
