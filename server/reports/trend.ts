/**
 * GET /api/reports/trend: the satisfaction rate per period (month or wave) of each series (the
 * other groupBy dimensions), with the change from the series' previous period shown: the
 * difference, its Newcombe interval and whether it is significant (the interval excludes 0).
 * Suppression runs across every point beside the overall. Pure.
 */
import { newcombe, topBoxRate } from '../domain/index.js';
import { countsOf } from './group-counts.js';
import type { Group, GroupCounts } from './rollup-reader.js';
import { scoreRows } from './score-rows.js';
import type { IndicatorVariables } from './survey-variables.js';

export function trendReport(
  variables: IndicatorVariables,
  /** Grouped by the series dimensions, then the period dimension (the reader's order). */
  points: readonly GroupCounts[],
  overall: GroupCounts,
  period: 'month' | 'wave',
  k: number,
) {
  const v = variables.satisfaction;
  const { rows, overall: total } = scoreRows(
    points.map((p) => countsOf(p, v)),
    countsOf(overall, v),
    k,
  );
  const series = new Map<string, { group: Group; points: unknown[] }>();
  let previous: { key: string; period: string | null; index: number } | null = null;
  points.forEach((p, i) => {
    const { [period]: at = null, ...group } = p.group;
    const key = JSON.stringify(group);
    let s = series.get(key);
    if (!s) series.set(key, (s = { group, points: [] }));
    const row = rows[i]!;
    const before = previous?.key === key ? previous : null;
    // The change from the previous period of the series, when both periods are shown.
    const shown = before !== null && !row.suppressed && !rows[before.index]!.suppressed;
    const cur = shown ? topBoxRate(countsOf(p, v)) : null;
    const prev = shown ? topBoxRate(countsOf(points[before.index]!, v)) : null;
    const diff = cur && prev ? newcombe(cur.satisfied, cur.n, prev.satisfied, prev.n) : null;
    s.points.push({
      period: at,
      ...row,
      change:
        diff && before
          ? { from: before.period, diff: diff.diff, ci95: diff.ci95, significant: diff.significant }
          : null,
    });
    previous = { key, period: at, index: i };
  });
  return { period, overall: total, series: [...series.values()] };
}
