import type { Group } from './rollup-reader.js';

/**
 * The variance a rate x/n carries besides sampling (protected figures: the perturbation's, see
 * server/anonymity/intervals.ts), of a group a report read and of the rest of the overall beside
 * it. Tests of protected contrasts stand on it (the domain's effectiveCounts); null for exact
 * figures.
 */
export interface RateNoise {
  of(group: Group, x: number, n: number): number;
  ofRest(group: Group, x: number, n: number): number;
  /**
   * The noise variance of each of a group's counts (by the group object a read returned; the
   * overall's for `undefined`), for the intervals of NPS, quantiles, affordability, drivers and
   * the adjusted comparisons (server/domain/perturbation.ts).
   */
  detail?(group: Group | undefined): CountNoise;
  /**
   * Protected figures: a rate of fewer protected answers is not shown (shared/METRICS.md,
   * Disclosure control), nor is anything built from it, such as the KPI index.
   */
  displayMinN?: number;
}

/** Per variable, value → noise variance of the count; per driver (pair) variable, its 5×5 cells'. */
export interface CountNoise {
  answers: ReadonlyMap<string, ReadonlyMap<string, number>>;
  pairs: ReadonlyMap<string, readonly (readonly number[])[]>;
}

export const NO_COUNT_NOISE: CountNoise = { answers: new Map(), pairs: new Map() };

/** The noise of groups added together (their counts' noise is independent). */
export function addCountNoise(list: readonly CountNoise[]): CountNoise {
  const answers = new Map<string, Map<string, number>>();
  const pairs = new Map<string, number[][]>();
  for (const d of list) {
    for (const [variable, values] of d.answers) {
      let to = answers.get(variable);
      if (!to) answers.set(variable, (to = new Map()));
      for (const [value, v] of values) to.set(value, (to.get(value) ?? 0) + v);
    }
    for (const [variable, table] of d.pairs) {
      const to = pairs.get(variable);
      if (!to)
        pairs.set(
          variable,
          table.map((row) => [...row]),
        );
      else table.forEach((row, i) => row.forEach((v, j) => (to[i]![j]! += v)));
    }
  }
  return { answers, pairs };
}

/** The noise variances of a variable's counts (empty when none). */
export const answerNoise = (d: CountNoise, variable: string | null) =>
  (variable !== null && d.answers.get(variable)) || new Map<string, number>();
