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
}
