/**
 * State vs non-state (shared/METRICS.md, Bottlenecks §5): the satisfaction rate and each driver's
 * performance for `state` providers against all other sectors together (ngo, private, ppp), with
 * Newcombe intervals of the difference (crude). "Significant" means one thing (the domain's
 * compareFamily): the satisfaction comparison is a family of its own; the drivers' comparisons are
 * one family, Benjamini–Hochberg controlled at q = 0.05. Beside each crude difference, the
 * difference adjusted for region: the Mantel–Haenszel risk difference over the regions (Greenland
 * & Robins variance), from the same selection grouped by region and sector, with its own BH
 * family over the drivers. Service type is not a dimension of the rollups, so it is not adjusted
 * for (the report says so). Protected figures (`noise`): both the crude and the adjusted intervals
 * and tests include the perturbation's variance of each side's (and each stratum's) rate. Responses with no known sector are in neither side (they count as the
 * unshown remainder in suppression). Pure.
 */
import {
  benjaminiHochberg,
  compareFamily,
  mantelHaenszelRiskDifference,
  topBoxRate,
  type Contrast,
} from '../domain/index.js';
import { rateNoise, varianceOf } from '../domain/perturbation.js';
import { addCountNoise, answerNoise, type RateNoise } from './rate-noise.js';
import { countsOf, mergeCounts } from './group-counts.js';
import type { GroupCounts } from './rollup-reader.js';
import { scoreRow } from './score-rows.js';
import { hiddenBeside } from './suppress.js';
import type { IndicatorVariables } from './survey-variables.js';

const PERTURBATION_NOTE =
  "every interval and test includes the perturbation's variance of each side's rate (and of each region's)";

export function stateVsNonState(
  sectors: readonly GroupCounts[],
  overall: GroupCounts,
  variables: IndicatorVariables,
  k: number,
  /** The same selection grouped by region and sector: the strata of the adjusted difference. */
  regionSectors: readonly GroupCounts[] = [],
  /** Protected figures: the noise of each group's counts. */
  noise: RateNoise | null = null,
) {
  const regions = [...new Set(regionSectors.map((g) => g.group.region ?? null))];
  /** The perturbation's variance of the rate x/n of groups added together (0: exact figures). */
  const added = (list: readonly GroupCounts[], variable: string | null, x: number, n: number) => {
    if (!noise?.detail) return 0;
    const d = answerNoise(addCountNoise(list.map((g) => noise.detail!(g.group))), variable);
    const top = varianceOf(d, (key) => key === '4' || key === '5');
    const rest = varianceOf(d, (key) => key === '1' || key === '2' || key === '3');
    return rateNoise(x, n, top, rest);
  };
  /** Each region's state and non-state groups, and each side added up (once for every variable). */
  const strata = regions.map((region) => {
    const inRegion = regionSectors.filter((g) => (g.group.region ?? null) === region);
    const stateHere = inRegion.filter((g) => g.group.sector === 'state');
    const otherHere = inRegion.filter((g) => g.group.sector !== null && g.group.sector !== 'state');
    return { stateHere, otherHere, state: mergeCounts(stateHere), other: mergeCounts(otherHere) };
  });
  /** Mantel–Haenszel state − non-state over the regions, for one variable. */
  const adjusted = (variable: string | null) =>
    mantelHaenszelRiskDifference(
      strata.map(({ stateHere, otherHere, state, other }) => {
        const a = topBoxRate(countsOf(state, variable));
        const b = topBoxRate(countsOf(other, variable));
        return {
          x1: a.satisfied,
          n1: a.n,
          x0: b.satisfied,
          n0: b.n,
          added1: added(stateHere, variable, a.satisfied, a.n),
          added0: added(otherHere, variable, b.satisfied, b.n),
        };
      }),
    );
  const stateGroups = sectors.filter((g) => g.group.sector === 'state');
  const nonStateGroups = sectors.filter(
    (g) => g.group.sector !== null && g.group.sector !== 'state',
  );
  const state = mergeCounts(stateGroups);
  const nonState = mergeCounts(nonStateGroups);
  const side = (variable: string | null) => {
    const a = topBoxRate(countsOf(state, variable));
    const b = topBoxRate(countsOf(nonState, variable));
    const [hideA = true, hideB = true] = hiddenBeside(
      [a.n, b.n],
      topBoxRate(countsOf(overall, variable)).n,
      k,
    );
    const contrast: Contrast | null =
      hideA || hideB
        ? null
        : {
            x1: a.satisfied,
            n1: a.n,
            x2: b.satisfied,
            n2: b.n,
            added1: added(stateGroups, variable, a.satisfied, a.n),
            added2: added(nonStateGroups, variable, b.satisfied, b.n),
          };
    return {
      state: scoreRow(a, k, hideA),
      nonState: scoreRow(b, k, hideB),
      contrast,
      adjusted: contrast === null ? null : adjusted(variable),
    };
  };
  const row = (
    s: ReturnType<typeof side>,
    r: ReturnType<typeof compareFamily>['results'][number],
    adjustedSignificant: boolean | null,
  ) => ({
    state: s.state,
    nonState: s.nonState,
    diff: r?.diff ?? null,
    ci95: r?.ci95 ?? null,
    p: r?.p ?? null,
    pAdjusted: r?.pAdjusted ?? null,
    significant: r?.significant ?? null,
    /** Mantel–Haenszel state − non-state adjusted for region, beside the crude difference. */
    adjustedForRegion: s.adjusted && {
      diff: s.adjusted.diff,
      ci95: s.adjusted.ci95,
      p: s.adjusted.p,
      regions: s.adjusted.strata,
      significant: adjustedSignificant,
    },
  });
  /** BH over a family of adjusted differences; significant also needs the interval off 0. */
  const adjustedFamily = (list: ReturnType<typeof side>[]) => {
    const tested = list.filter((s) => s.adjusted !== null);
    const bh = benjaminiHochberg(tested.map((s) => s.adjusted!.p));
    return list.map((s) => {
      const i = tested.indexOf(s);
      if (i < 0 || !s.adjusted) return null;
      const [lo, hi] = s.adjusted.ci95;
      return (bh.rejected[i] ?? false) && (lo > 0 || hi < 0);
    });
  };
  const sat = side(variables.satisfaction);
  const satFamily = compareFamily('state − non-state satisfaction', [sat.contrast]);
  const drivers = variables.drivers.map((d) => side(d.variable));
  const driverFamily = compareFamily(
    'state − non-state performance across the drivers',
    drivers.map((d) => d.contrast),
  );
  const adjustedDrivers = adjustedFamily(drivers);
  return {
    nonStateSectors: ['ngo', 'private', 'ppp'],
    significance: {
      satisfaction: satFamily.family,
      drivers: `${driverFamily.family} (${driverFamily.size} comparisons)`,
      method: driverFamily.method,
      adjusted:
        'adjustedForRegion: Mantel–Haenszel risk difference over the regions (Greenland & Robins 1985 variance), Benjamini–Hochberg over the drivers; not adjusted for service type (not recorded in the rollups)',
      ...(noise?.detail ? { perturbation: PERTURBATION_NOTE } : {}),
    },
    /** For the reader: which difference is which. */
    note: 'diff compares all state with all non-state answers (crude); adjustedForRegion compares them within each region and averages, so a different regional mix does not make the difference',
    satisfaction: row(sat, satFamily.results[0] ?? null, adjustedFamily([sat])[0] ?? null),
    drivers: Object.fromEntries(
      variables.drivers.map((d, i) => [
        d.name,
        row(drivers[i]!, driverFamily.results[i] ?? null, adjustedDrivers[i] ?? null),
      ]),
    ),
  };
}
