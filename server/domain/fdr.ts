/**
 * False discovery rate control: the Benjamini–Hochberg (1995) step-up procedure, used when many
 * groups are compared with the overall rate (shared/METRICS.md, q = 0.05).
 */

/** The FDR level of shared/METRICS.md. */
export const FDR_Q = 0.05;

export interface BenjaminiHochbergResult {
  /** rejected[i]: hypothesis i is rejected (a discovery) at level q. Same order as the input. */
  rejected: boolean[];
  /**
   * BH-adjusted p-values (as R's `p.adjust(p, "BH")`): adjusted[i] ≤ q exactly when rejected[i].
   * Same order as the input.
   */
  adjusted: number[];
  /** The level used. */
  q: number;
}

/**
 * Benjamini–Hochberg: sort the m p-values, find the largest rank i with p(i) ≤ i·q/m and reject
 * the hypotheses of ranks 1..i. Adjusted p(i) = min over j ≥ i of min(1, m·p(j)/j). Ties in p
 * are handled naturally (equal p-values get equal adjusted values and the same decision).
 */
export function benjaminiHochberg(
  pValues: readonly number[],
  q: number = FDR_Q,
): BenjaminiHochbergResult {
  const m = pValues.length;
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`benjaminiHochberg: p-value ${p} not in [0, 1]`);
  }
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m).fill(1);
  const rejected = new Array<boolean>(m).fill(false);
  let running = 1;
  let cutoffRank = 0; // largest rank with p(rank) ≤ rank·q/m
  for (let rank = m; rank >= 1; rank--) {
    const item = order[rank - 1];
    if (item === undefined) continue;
    running = Math.min(running, (m * item.p) / rank);
    adjusted[item.i] = Math.min(1, running);
    if (cutoffRank === 0 && item.p <= (rank * q) / m) cutoffRank = rank;
  }
  for (let rank = 1; rank <= cutoffRank; rank++) {
    const item = order[rank - 1];
    if (item !== undefined) rejected[item.i] = true;
  }
  return { rejected, adjusted, q };
}
