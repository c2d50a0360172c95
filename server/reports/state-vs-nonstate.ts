/**
 * State vs non-state (shared/METRICS.md, Bottlenecks §5): the satisfaction rate and each driver's
 * performance for `state` providers against all other sectors together (ngo, private, ppp), with
 * Newcombe intervals of the difference. Responses with no known sector are in neither side (they
 * count as the unshown remainder in suppression). Pure.
 */
import { newcombe, topBoxRate } from '../domain/index.js';
import { countsOf, mergeCounts } from './group-counts.js';
import type { GroupCounts } from './rollup-reader.js';
import { scoreRow } from './score-rows.js';
import { hiddenBeside } from './suppress.js';
import type { IndicatorVariables } from './survey-variables.js';

export function stateVsNonState(
  sectors: readonly GroupCounts[],
  overall: GroupCounts,
  variables: IndicatorVariables,
  k: number,
) {
  const state = mergeCounts(sectors.filter((g) => g.group.sector === 'state'));
  const nonState = mergeCounts(
    sectors.filter((g) => g.group.sector !== null && g.group.sector !== 'state'),
  );
  const compare = (variable: string | null) => {
    const a = topBoxRate(countsOf(state, variable));
    const b = topBoxRate(countsOf(nonState, variable));
    const [hideA = true, hideB = true] = hiddenBeside(
      [a.n, b.n],
      topBoxRate(countsOf(overall, variable)).n,
      k,
    );
    const diff = hideA || hideB ? null : newcombe(a.satisfied, a.n, b.satisfied, b.n);
    return {
      state: scoreRow(a, k, hideA),
      nonState: scoreRow(b, k, hideB),
      diff: diff?.diff ?? null,
      ci95: diff?.ci95 ?? null,
      significant: diff?.significant ?? null,
    };
  };
  return {
    nonStateSectors: ['ngo', 'private', 'ppp'],
    satisfaction: compare(variables.satisfaction),
    drivers: Object.fromEntries(variables.drivers.map((d) => [d.name, compare(d.variable)])),
  };
}
