/**
 * Systemic bottlenecks (shared/METRICS.md, Bottlenecks §4): the shown groups whose satisfaction
 * rate is significantly below the rest — each tested against the rest, the false discovery
 * rate controlled by Benjamini–Hochberg at q = 0.05 (the domain's groupsBelowOverall) — ranked by
 * the gap, each with its top `concentrate_here` drivers. Pure.
 */
import { groupsBelowOverall, SIGNIFICANCE_METHOD } from '../domain/index.js';
import { concentrateHere, type GroupDrivers } from './driver-analysis.js';
import type { RateNoise } from './rate-noise.js';
import type { Group } from './rollup-reader.js';

export interface SystemicInput {
  group: Group;
  satisfied: number;
  n: number;
  hidden: boolean;
  drivers: GroupDrivers;
}

export function systemicBottlenecks(
  by: readonly string[],
  parts: readonly SystemicInput[],
  total: { satisfied: number; n: number },
  noise: RateNoise | null = null,
) {
  const shown = parts.filter((p) => !p.hidden && p.n > 0);
  const result = groupsBelowOverall(
    shown.map((p) => ({
      group: p,
      x: p.satisfied,
      n: p.n,
      added: noise?.of(p.group, p.satisfied, p.n),
      restAdded: noise?.ofRest(p.group, total.satisfied - p.satisfied, total.n - p.n),
    })),
    { x: total.satisfied, n: total.n },
  );
  return {
    by,
    test: 'two-proportion z-test, each group against the rest',
    fdr: { method: 'benjamini-hochberg', q: result.q },
    /** The family the false discovery rate is controlled over, and how. */
    family: `the ${result.groups.length} groups of this table, each against the rest`,
    method: SIGNIFICANCE_METHOD,
    tested: result.groups.length,
    groups: result.below.map((b) => ({
      group: b.group.group,
      n: b.n,
      satisfied: b.x,
      rate: b.rate,
      overallRate: b.overallRate,
      restRate: b.restRate,
      /** group rate − rest rate: the same contrast as its interval. */
      gap: b.gap,
      /** Newcombe interval of (group rate − rest rate). */
      vsRestCi95: b.ci95,
      p: b.p,
      pAdjusted: b.pAdjusted,
      concentrateHere: concentrateHere(b.group.drivers),
    })),
  };
}
