/**
 * Small-cell suppression of a table published with its margins (shared/METRICS.md, Honesty
 * rules, extended to two dimensions): cells under k are hidden (primary), and then, for as long as
 * any line — a row with its total, a column with its total, the row totals with the grand total,
 * the column totals with the grand total — has exactly one hidden member, the smallest shown
 * member of that line is hidden too (complementary), so no hidden count equals a published total
 * minus published cells. `lines` lists each line's members by index (its parts and its total:
 * the parts add up to the total). Pure.
 */
export function suppressTable(
  n: readonly number[],
  k: number,
  lines: readonly (readonly number[])[],
  /** Members hidden already (e.g. by the report's own rule). */
  hiddenBefore: readonly boolean[] = [],
): boolean[] {
  const hidden = n.map((v, i) => v < k || hiddenBefore[i] === true);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((i) => hidden[i]).length !== 1) continue;
      let pick = -1;
      for (const i of line) {
        if (!hidden[i] && (pick < 0 || n[i]! < n[pick]!)) pick = i;
      }
      if (pick >= 0) {
        hidden[pick] = true;
        changed = true;
      }
    }
  }
  return hidden;
}
