/**
 * The pure statistics domain of Ovoz: counts in, rates, intervals, indices and quadrants out.
 * No I/O. Every definition follows shared/METRICS.md.
 */
export * from './counts.js';
export * from './wilson.js';
export * from './rates.js';
export * from './newcombe.js';
export * from './special.js';
export * from './distributions.js';
export * from './two-proportion.js';
export * from './fdr.js';
export * from './below-overall.js';
export * from './nps.js';
export * from './delivery.js';
export * from './delivery-trend.js';
export * from './affordability.js';
export * from './volumes.js';
export * from './kpi-index.js';
export * from './correlation.js';
export * from './drivers.js';
export * from './flags.js';
export * from './suppression.js';
export * from './rate-row.js';
export * from './disparity.js';
export * from './comparisons.js';
export * from './linear-trend.js';
export * from './estimate-trend.js';
export * from './relative-weights.js';
export * from './mantel-haenszel.js';
