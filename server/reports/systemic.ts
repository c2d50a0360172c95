/**
 * Systemic bottlenecks (shared/METRICS.md, Bottlenecks §4): the shown groups whose satisfaction
 * rate is significantly below the overall rate — each tested against the rest, the false discovery
 * rate controlled by Benjamini–Hochberg at q = 0.05 (the domain's groupsBelowOverall) — ranked by
 * the gap, each with its top `concentrate_here` drivers. Pure.
 */
import { groupsBelowOverall } from '../domain/index.js';
import { concentrateHere, type GroupDrivers } from './driver-analysis.js';
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
) {
  const shown = parts.filter((p) => !p.hidden && p.n > 0);
  const result = groupsBelowOverall(
    shown.map((p) => ({ group: p, x: p.satisfied, n: p.n })),
    { x: total.satisfied, n: total.n },
  );
  return {
    by,
    test: 'two-proportion z-test, each group against the rest',
    fdr: { method: 'benjamini-hochberg', q: result.q },
    tested: result.groups.length,
    groups: result.below.map((b) => ({
      group: b.group.group,
      n: b.n,
      satisfied: b.x,
      rate: b.rate,
      overallRate: b.overallRate,
      gap: b.gap,
      /** Newcombe interval of (group rate − rest rate). */
      vsRestCi95: b.ci95,
      p: b.p,
      pAdjusted: b.pAdjusted,
      concentrateHere: concentrateHere(b.group.drivers),
    })),
  };
}
