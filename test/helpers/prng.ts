/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same sequence of numbers in
 * [0, 1) on every run. It is the pure domain's generator (the seeded bootstrap of the relative
 * weights), which imports nothing, so any test or helper can use it.
 */
export { mulberry32 as prng } from '../../server/domain/relative-weights.js';
