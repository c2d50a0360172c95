/**
 * Driver (importance–performance) analysis of one group from its rollup counts (shared/METRICS.md,
 * Bottlenecks §1–3), with the domain's analyseDrivers. A suppressed group says only that; counts
 * below k are not shown even for excluded drivers. Pure.
 */
import {
  analyseDrivers,
  type CorrelationMethod,
  type DriverAnalysisOptions,
  type DriverAnalysisResult,
  type DriverInput,
  type JointTable,
} from '../domain/index.js';
import { driverPairVariable } from '../ingest/facts.js';
import { countsOf, tableOf } from './group-counts.js';
import type { GroupCounts } from './rollup-reader.js';
import type { IndicatorVariables } from './survey-variables.js';
import { answerNoise, type CountNoise } from './rate-noise.js';

type Analysed = Extract<DriverAnalysisResult, { status: 'ok' }>;
type Insufficient = Extract<DriverAnalysisResult, { status: 'insufficient_data' }>;

/** The domain's result, with counts below k blanked; or `suppressed` for a suppressed group. */
export type GroupDrivers =
  | (Omit<Analysed, 'excluded'> & {
      excluded: { name: string; n: number | null; reason: 'insufficient_data' }[];
    })
  | (Omit<Insufficient, 'n'> & { n: number | null })
  | { status: 'suppressed' };

/** The driver × driver tables of a group, by driver name, rows = the first driver. */
export function jointTables(g: GroupCounts, variables: IndicatorVariables): JointTable {
  const variableOf = new Map(variables.drivers.map((d) => [d.name, d.variable]));
  return (a, b) => {
    const va = variableOf.get(a);
    const vb = variableOf.get(b);
    if (va === undefined || vb === undefined) return null;
    const table = g.pairs.get(driverPairVariable(va, vb));
    if (!table) return null;
    // Stored with the variables in name order: transpose when `a` comes second.
    return va < vb ? table : table[0]!.map((_, j) => table.map((row) => row[j]!));
  };
}

export function driverInputs(
  g: GroupCounts,
  variables: IndicatorVariables,
  noise?: CountNoise,
): DriverInput[] {
  return variables.drivers.map((d) => ({
    name: d.name,
    table: tableOf(g, d.variable),
    counts: countsOf(g, d.variable),
    ...(noise
      ? {
          noise: {
            counts: answerNoise(noise, d.variable),
            table: noise.pairs.get(d.variable) ?? [],
          },
        }
      : {}),
  }));
}

/** Analyses kept at most (each a few kilobytes). */
const MAX_KEPT = 2000;
const kept = new Map<string, DriverAnalysisResult>();

/**
 * analyseDrivers, kept by its inputs: the analysis is a pure function of the counts (its
 * importance intervals cost about thirty eigen-decompositions a group), and a dashboard asks for
 * the same counts again until new responses change them. The key is every count the analysis can
 * read; a copy is returned, so no caller shares it.
 */
function analyseKept(
  inputs: DriverInput[],
  options: DriverAnalysisOptions & { method: CorrelationMethod; joint: JointTable },
): DriverAnalysisResult {
  const { method, joint, jointNoise } = options;
  let key = method;
  for (const d of inputs) {
    key += `|${d.name}:${d.table.join(';')}:`;
    const entries =
      d.counts instanceof Map ? [...d.counts.entries()] : Object.entries(d.counts as object);
    for (const [value, n] of entries) key += `${String(value)}=${String(n)},`;
    if (d.noise)
      key += `~${JSON.stringify(d.noise, (_k, v: unknown) => (v instanceof Map ? [...v] : v))}`;
  }
  for (let i = 0; i < inputs.length; i++) {
    for (let j = i + 1; j < inputs.length; j++) {
      const [a, b] = [inputs[i]!.name, inputs[j]!.name];
      key += `|${joint(a, b)?.join(';') ?? '-'}`;
      if (jointNoise) key += `~${jointNoise(a, b)?.join(';') ?? '-'}`;
    }
  }
  let result = kept.get(key);
  if (result) {
    kept.delete(key);
  } else {
    result = analyseDrivers(inputs, options);
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, result);
  return structuredClone(result);
}

export function groupDrivers(
  g: GroupCounts,
  variables: IndicatorVariables,
  method: CorrelationMethod,
  k: number,
  hidden: boolean,
  /** Protected figures: the noise of the group's counts, included in every interval. */
  noise?: CountNoise,
): GroupDrivers {
  if (hidden) return { status: 'suppressed' };
  const result = analyseKept(driverInputs(g, variables, noise), {
    method,
    joint: jointTables(g, variables),
    ...(noise
      ? { jointNoise: jointTables({ ...g, pairs: noise.pairs as GroupCounts['pairs'] }, variables) }
      : {}),
  });
  const blank = (n: number) => (n < k ? null : n);
  if (result.status !== 'ok') return { ...result, n: blank(result.n) };
  return { ...result, excluded: result.excluded.map((e) => ({ ...e, n: blank(e.n) })) };
}

/** The group's bottlenecks: its `concentrate_here` drivers, most important first. */
export function concentrateHere(drivers: GroupDrivers, top = 3) {
  if (drivers.status !== 'ok') return [];
  return drivers.drivers
    .filter((d) => d.quadrant === 'concentrate_here')
    .sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0))
    .slice(0, top)
    .map((d) => ({
      name: d.name,
      importance: d.importance,
      importanceCi95: d.importanceCi95,
      performance: d.performance.rate,
      ci95: d.performance.ci95,
    }));
}
