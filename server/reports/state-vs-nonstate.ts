/**
 * State vs non-state (shared/METRICS.md, Bottlenecks §5): the satisfaction rate and each driver's
 * performance for `state` providers against all other sectors together (ngo, private, ppp), with
 * Newcombe intervals of the difference (crude). "Significant" means one thing (the domain's
 * compareFamily): the satisfaction comparison is a family of its own; the drivers' comparisons are
 * one family, Benjamini–Hochberg controlled at q = 0.05. Responses with no known sector are in
 * neither side (they count as the unshown remainder in suppression). Pure.
 */
import { compareFamily, topBoxRate, type Contrast } from '../domain/index.js';
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
  const side = (variable: string | null) => {
    const a = topBoxRate(countsOf(state, variable));
    const b = topBoxRate(countsOf(nonState, variable));
    const [hideA = true, hideB = true] = hiddenBeside(
      [a.n, b.n],
      topBoxRate(countsOf(overall, variable)).n,
      k,
    );
    const contrast: Contrast | null =
      hideA || hideB ? null : { x1: a.satisfied, n1: a.n, x2: b.satisfied, n2: b.n };
    return { state: scoreRow(a, k, hideA), nonState: scoreRow(b, k, hideB), contrast };
  };
  const row = (
    s: ReturnType<typeof side>,
    r: ReturnType<typeof compareFamily>['results'][number],
  ) => ({
    state: s.state,
    nonState: s.nonState,
    diff: r?.diff ?? null,
    ci95: r?.ci95 ?? null,
    p: r?.p ?? null,
    pAdjusted: r?.pAdjusted ?? null,
    significant: r?.significant ?? null,
  });
  const sat = side(variables.satisfaction);
  const satFamily = compareFamily('state − non-state satisfaction', [sat.contrast]);
  const drivers = variables.drivers.map((d) => side(d.variable));
  const driverFamily = compareFamily(
    'state − non-state performance across the drivers',
    drivers.map((d) => d.contrast),
  );
  return {
    nonStateSectors: ['ngo', 'private', 'ppp'],
    significance: {
      satisfaction: satFamily.family,
      drivers: `${driverFamily.family} (${driverFamily.size} comparisons)`,
      method: driverFamily.method,
    },
    satisfaction: row(sat, satFamily.results[0] ?? null),
    drivers: Object.fromEntries(
      variables.drivers.map((d, i) => [d.name, row(drivers[i]!, driverFamily.results[i] ?? null)]),
    ),
  };
}
