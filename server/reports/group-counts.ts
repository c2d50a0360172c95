/** Reading a group's counts: one variable's histogram, one driver's 5×5 table, several groups added up. Pure. */
import {
  addCounts,
  emptyCounts,
  emptyTable,
  type Group,
  type GroupCounts,
} from './rollup-reader.js';

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
  for (const g of groups) addCounts(out, g);
  return out;
}
