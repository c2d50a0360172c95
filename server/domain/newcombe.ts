/**
 * Newcombe's hybrid score interval for a difference of two independent proportions (Newcombe
 * 1998, "Interval estimation for the difference between independent proportions", method 10),
 * built from the two Wilson intervals as shared/METRICS.md gives it:
 * `L = d − sqrt((p1−l1)² + (u2−p2)²)`, `U = d + sqrt((u1−p1)² + (p2−l2)²)`, d = p1 − p2.
 */
import { wilson, Z95, type Interval } from './wilson.js';

export interface DifferenceResult {
  /** p1 − p2. */
  diff: number;
  /** 95% interval of the difference, `[low, high]`. */
  ci95: Interval;
  /** True when the interval excludes 0. */
  significant: boolean;
}

/**
 * Difference x1/n1 − x2/n2 with its Newcombe hybrid score interval. Null when either n is 0.
 */
export function newcombe(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z: number = Z95,
): DifferenceResult | null {
  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  if (w1 === null || w2 === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = w1;
  const [l2, u2] = w2;
  const diff = p1 - p2;
  const low = diff - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = diff + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return { diff, ci95: [low, high], significant: low > 0 || high < 0 };
}
