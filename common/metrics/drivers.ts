/**
 * The seven standard drivers of satisfaction (shared/METRICS.md), in the order the standard
 * questionnaire asks them (surveys/social-services.json, whose drivers matrix has these rows and
 * whose test checks it). The demo data, the designer's standard blocks, the benchmarks and the
 * tests all take the list from here.
 */
export const STANDARD_DRIVERS = [
  'timeliness',
  'ease',
  'information',
  'courtesy',
  'fairness',
  'accessibility',
  'outcome',
] as const;
export type StandardDriver = (typeof STANDARD_DRIVERS)[number];
