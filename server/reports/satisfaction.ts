/** GET /api/reports/satisfaction: the satisfaction rate row and mean score per group. Pure. */
import { countsOf } from './group-counts.js';
import type { GroupCounts } from './rollup-reader.js';
import { scoreRows } from './score-rows.js';
import type { IndicatorVariables } from './survey-variables.js';

export function satisfactionReport(
  variables: IndicatorVariables,
  groups: readonly GroupCounts[],
  overall: GroupCounts,
  k: number,
) {
  const v = variables.satisfaction;
  const { rows, overall: total } = scoreRows(
    groups.map((g) => countsOf(g, v)),
    countsOf(overall, v),
    k,
  );
  return { overall: total, groups: groups.map((g, i) => ({ group: g.group, ...rows[i]! })) };
}
