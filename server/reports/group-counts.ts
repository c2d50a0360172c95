/** Reading a group's counts: one variable's histogram, one driver's 5×5 table, several groups added up. Pure. */
import { emptyCounts, emptyTable, type Group, type GroupCounts } from './rollup-reader.js';

const NONE: ReadonlyMap<string, number> = new Map();

/** value → count of one variable (empty when the survey has no such variable). */
export function countsOf(g: GroupCounts, variable: string | null): ReadonlyMap<string, number> {
  return (variable !== null && g.answers.get(variable)) || NONE;
}

/** The driver × satisfaction table of one driver variable (zeros when never answered). */
export function tableOf(g: GroupCounts, variable: string): number[][] {
  return g.pairs.get(variable) ?? emptyTable();
}

/** Groups added together (e.g. every non-state sector). */
export function mergeCounts(groups: readonly GroupCounts[], group: Group = {}): GroupCounts {
  const out = emptyCounts(group);
  for (const g of groups) {
    out.responses += g.responses;
    for (const [variable, values] of g.answers) {
      let into = out.answers.get(variable);
      if (!into) out.answers.set(variable, (into = new Map()));
      for (const [value, n] of values) into.set(value, (into.get(value) ?? 0) + n);
    }
    for (const [driver, table] of g.pairs) {
      const into = out.pairs.get(driver) ?? emptyTable();
      out.pairs.set(driver, into);
      table.forEach((row, i) =>
        row.forEach((n, j) => {
          const line = into[i];
          if (line) line[j] = (line[j] ?? 0) + n;
        }),
      );
    }
  }
  return out;
}
