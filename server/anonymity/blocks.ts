/**
 * Reads frozen blocks (freeze.ts) for a protected report and adds them up per group into the same
 * counts the exact reports read from the rollups (GroupCounts), so every report computes its
 * figures the same way from either. Every figure is thereby a sum of stored blocks: the same block
 * always adds the same perturbed counts, so margins, filtered rows and date ranges add up and
 * differencing them gives back only sums of protected blocks.
 *
 * Alongside each group it keeps how many blocks it summed and the mean noise variance of their
 * counts (for intervals that include the perturbation: intervals.ts).
 */
import { FILTER_DIMS } from '../../common/reports/dimensions.js';
import type { Kysely } from 'kysely';
import { driverIndex, OUTCOMES, SCALE } from '../../db/rollups/layout.js';
import type { Database, FrozenBlockTable } from '../../db/schema.js';
import { publishedVarianceOf, type Ptable } from '../domain/ptable.js';
import { AppError } from '../errors.js';
import {
  emptyTable,
  type Filters,
  type Group,
  type GroupCounts,
  type GroupDim,
  type Need,
  type Scope,
  type Wave,
} from '../reports/rollup-reader.js';
import {
  gridFor,
  lastDayOf,
  monthOf,
  type BlockCounts,
  type BlockDim,
  type Grid,
} from './grids.js';

export interface BlockRead {
  surveyId: number;
  version: number;
  /** The months read, ascending (whole closed months). */
  months: readonly string[];
  filters: Filters;
  groupBy: readonly GroupDim[];
  waves?: readonly Wave[];
  scope: Scope;
}

/** A stored block with its counts read. */
export type StoredBlock = Pick<
  FrozenBlockTable,
  'month' | 'region' | 'district' | 'provider' | 'sector' | 'channel'
> & { grid: Grid; counts: BlockCounts };

/** How much noise a group's rates carry: its blocks and the mean noise variance of their rate counts. */
export interface Noise {
  blocks: number;
  meanVariance: number;
  /** The noise variance of each of the group's counts (noiseDetail), worked out when asked. */
  detail?: () => NoiseDetail;
}

/**
 * The noise variance of each count of a group: per variable, value → the variance of its summed
 * count; per driver (or driver pair) variable, its 5×5 table's cell variances. Each block's
 * published count adds the variance assumed for it (ptable.ts publishedVariance); a rated
 * variable's top and rest counts are spread over 4–5 and 1–3. A count published as 0 is not
 * stored, yet it may hide 1 to k−1 answers: every value a block could hold (its universe: the
 * values and drivers of any block of its grid and month) that the block lacks adds the variance
 * assumed for a published 0, and so does a driver's pairs table a block lacks.
 */
export interface NoiseDetail {
  answers: Map<string, Map<string, number>>;
  pairs: Map<string, number[][]>;
}

/** A rated answer's value as its count's key, by value (1–5). */
const VALUE_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5'];

/** The noise detail of a group's blocks (see NoiseDetail). */
export function noiseDetail(
  blocks: readonly StoredBlock[],
  table: Ptable,
  rated: (variable: string) => boolean,
  universeOf: (month: string) => BlockUniverse = () => EMPTY_UNIVERSE,
): NoiseDetail {
  const answers = new Map<string, Map<string, number>>();
  const pairs = new Map<string, number[][]>();
  const v = publishedVarianceOf(table);
  const add = (variable: string, value: string, x: number) => {
    let to = answers.get(variable);
    if (!to) answers.set(variable, (to = new Map()));
    to.set(value, (to.get(value) ?? 0) + x);
  };
  for (const b of blocks) {
    const universe = universeOf(b.month);
    const fromRates = new Set<string>();
    const rateCounts = { ...b.counts.r };
    // A rated variable the block has no answer of: both its rate counts were published as 0.
    for (const variable of universe.rates) {
      if (!universe.drivers.has(variable)) rateCounts[variable] ??= [0, 0];
    }
    for (const [variable, [top, rest]] of Object.entries(rateCounts)) {
      if (!rated(variable)) continue;
      fromRates.add(variable);
      for (const value of ['4', '5']) add(variable, value, v(top) / 2);
      for (const value of ['1', '2', '3']) add(variable, value, v(rest) / 3);
    }
    for (const [variable, values] of Object.entries(b.counts.a)) {
      if (fromRates.has(variable) || !rated(variable)) continue;
      for (const [value, n] of Object.entries(values)) add(variable, value, v(n));
    }
    for (const [variable, values] of universe.answers) {
      if (fromRates.has(variable) || !rated(variable) || universe.drivers.has(variable)) continue;
      const stored = b.counts.a[variable] ?? {};
      for (const value of values) if (!(value in stored)) add(variable, value, v(0));
    }
    const pairsOf = { ...b.counts.p };
    for (const driver of universe.drivers) pairsOf[driver] ??= [];
    for (const [driver, row] of Object.entries(pairsOf)) {
      if (!rated(driver)) continue;
      let t = pairs.get(driver);
      if (!t) pairs.set(driver, (t = emptyTable()));
      for (const value of SCALE) {
        // The value's cells added up here, then once into the driver's answer (a hot path).
        let sum = 0;
        for (const o of OUTCOMES) {
          const x = v(row[driverIndex(value, o)] ?? 0);
          sum += x;
          if (o > 0) t[value - 1]![o - 1]! += x;
        }
        add(driver, VALUE_NAMES[value]!, sum);
      }
    }
  }
  return { answers, pairs };
}

/**
 * What a block may hold: each variable's answer values and the drivers with pair counts seen in
 * any block of its grid and month (every region, before filters), so a value or table a block
 * lacks is known to be a published 0.
 */
export interface BlockUniverse {
  answers: ReadonlyMap<string, ReadonlySet<string>>;
  drivers: ReadonlySet<string>;
  /** Variables with top-2 rate counts (their answers follow the two rate counts). */
  rates: ReadonlySet<string>;
}

const EMPTY_UNIVERSE: BlockUniverse = { answers: new Map(), drivers: new Set(), rates: new Set() };

/** The universe of blocks (one cached month's), worked out once per array. */
const universes = new WeakMap<readonly StoredBlock[], BlockUniverse>();

export function universeOf(blocks: readonly StoredBlock[]): BlockUniverse {
  let u = universes.get(blocks);
  if (u) return u;
  const answers = new Map<string, Set<string>>();
  const drivers = new Set<string>();
  const rates = new Set<string>();
  for (const b of blocks) {
    for (const variable of Object.keys(b.counts.r ?? {})) rates.add(variable);
    for (const [variable, values] of Object.entries(b.counts.a)) {
      let to = answers.get(variable);
      if (!to) answers.set(variable, (to = new Set()));
      for (const value of Object.keys(values)) to.add(value);
    }
    for (const driver of Object.keys(b.counts.p)) drivers.add(driver);
  }
  universes.set(blocks, (u = { answers, drivers, rates }));
  return u;
}

const BLOCK_DIMS: readonly BlockDim[] = FILTER_DIMS;

/** The block dimensions a read filters on or groups by. */
export function neededDims(filters: Filters, groupBy: readonly GroupDim[]): BlockDim[] {
  return BLOCK_DIMS.filter(
    (d) => filters[d] !== undefined || (groupBy as readonly string[]).includes(d),
  );
}

/**
 * Frozen blocks never change, so each process keeps a month's parsed blocks of a grid once read
 * (per database; a few thousand blocks a survey-year, whatever the number of responses).
 */
const cache = new WeakMap<Kysely<Database>, Map<string, Promise<StoredBlock[]>>>();
/** Months kept at most per database (then forgotten and read again). */
const MAX_CACHED = 2000;

function monthsOfGrid(
  db: Kysely<Database>,
  read: Pick<BlockRead, 'surveyId' | 'version'>,
  grid: Grid,
  months: readonly string[],
): Promise<StoredBlock[][]> {
  let byMonth = cache.get(db);
  if (!byMonth) cache.set(db, (byMonth = new Map()));
  const keyOf = (m: string) => `${read.surveyId}\u0001${read.version}\u0001${grid}\u0001${m}`;
  const missing = months.filter((m) => !byMonth.has(keyOf(m)));
  if (missing.length) {
    if (byMonth.size + missing.length > MAX_CACHED) byMonth.clear();
    const rows = db
      .selectFrom('frozen_block')
      .select(['grid', 'month', 'region', 'district', 'provider', 'sector', 'channel', 'counts'])
      .where('survey_id', '=', read.surveyId)
      .where('version', '=', read.version)
      .where('grid', '=', grid)
      .where('month', 'in', missing)
      .orderBy('id')
      .execute()
      .then((list) =>
        list.map((r) => ({
          ...r,
          grid: r.grid as Grid,
          counts: JSON.parse(r.counts) as BlockCounts,
        })),
      );
    for (const m of missing) {
      const entry = rows.then((list) => list.filter((b) => b.month === m));
      // A failed read is not kept.
      entry.catch(() => byMonth.delete(keyOf(m)));
      byMonth.set(keyOf(m), entry);
    }
  }
  return Promise.all(months.map((m) => byMonth.get(keyOf(m))!));
}

/**
 * A read's blocks, and what any block of its grid may hold in each of its months (a month's
 * blocks of every region: the same whatever the filters, so a period's noise is the same in every
 * report that reads it).
 */
export interface LoadedBlocks {
  blocks: StoredBlock[];
  universeOf: (month: string) => BlockUniverse;
}

/** The stored blocks of a read's grid, months, filters and scope. */
export async function loadBlocks(db: Kysely<Database>, read: BlockRead): Promise<LoadedBlocks> {
  if ((read.groupBy as readonly string[]).includes('segment')) {
    throw new AppError('CrossesGrids', 'segments are not kept in the protected blocks');
  }
  const grid = gridFor(neededDims(read.filters, read.groupBy));
  // The region filter was checked against the user's scope (assertFiltersInScope).
  const regions = read.scope.regions;
  if (read.months.length === 0 || (regions !== null && regions.length === 0)) {
    return { blocks: [], universeOf: () => EMPTY_UNIVERSE };
  }
  const inScope = regions === null ? null : new Set(regions);
  const filters = BLOCK_DIMS.flatMap((d) => {
    const v = read.filters[d];
    return v === undefined ? [] : [[d, v] as const];
  });
  const months = await monthsOfGrid(db, read, grid, read.months);
  const universes = new Map(read.months.map((m, i) => [m, universeOf(months[i]!)]));
  return {
    blocks: months
      .flat()
      .filter(
        (b) => (inScope === null || inScope.has(b.region)) && filters.every(([d, v]) => b[d] === v),
      ),
    universeOf: (month) => universes.get(month) ?? EMPTY_UNIVERSE,
  };
}

/** The months of a wave: those whose days meet the wave's. */
export function waveMonths(w: Wave, months: readonly string[]): string[] {
  return months.filter((m) => `${m}-01` <= w.endsOn && lastDayOf(m) >= w.startsOn);
}

interface Acc {
  counts: GroupCounts;
  /** The blocks summed (for the noise detail). */
  summed: StoredBlock[];
  blocks: number;
  variance: number;
  cells: number;
  /** Per rated variable: [answers 4 or 5, answers 1–3], summed over the blocks. */
  rates: Map<string, [number, number]>;
}

/**
 * Sets the sum of `keys`' counts to `total`, keeping their proportions (equal shares when all
 * are 0), in whole numbers (largest remainders, the first key on ties).
 */
function apportion(values: Map<string, number>, keys: readonly string[], total: number): void {
  const current = keys.map((k) => values.get(k) ?? 0);
  const sum = current.reduce((s, x) => s + x, 0);
  const weights = sum > 0 ? current : keys.map(() => 1);
  const wsum = sum > 0 ? sum : keys.length;
  const raw = weights.map((w) => (total * w) / wsum);
  const whole = raw.map(Math.floor);
  let left = total - whole.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    whole[i]! += 1;
    left -= 1;
  }
  keys.forEach((k, i) => (whole[i] ? values.set(k, whole[i]!) : values.delete(k)));
}

/**
 * A rated variable's answer counts made to agree with its rate counts: answers 4–5 sum to the
 * protected top count and 1–3 to the protected rest, so a rate, its n and the mean all come from
 * the same protected figures.
 */
export function rake(values: Map<string, number>, top: number, rest: number): void {
  apportion(values, ['4', '5'], top);
  apportion(values, ['1', '2', '3'], rest);
}

/** Adds blocks into the groups of `groupBy` (waves: each wave its months), in group order. */
export function sumBlocks(
  loaded: LoadedBlocks,
  groupBy: readonly GroupDim[],
  waves: readonly Wave[],
  table: Ptable,
  need?: Need,
): Array<{ counts: GroupCounts; noise: Noise }> {
  const { blocks, universeOf: universeOfMonth } = loaded;
  const acc = new Map<string, Acc>();
  // What the report reads (server/reports/context.ts needOf); everything when absent.
  const variables = need ? new Set(need.variables) : null;
  const drivers = need ? new Set(need.pairs === 'none' ? [] : need.drivers) : null;
  const rated = (v: string) => variables === null || variables.has(v) || drivers!.has(v);
  // The variance assumed for a published count (a small count is mostly published as 0).
  const varOf = publishedVarianceOf(table);
  const addTo = (group: Group, b: StoredBlock) => {
    const key = JSON.stringify(groupBy.map((d) => group[d] ?? null));
    let a = acc.get(key);
    if (!a) {
      a = {
        counts: { group, responses: 0, answers: new Map(), pairs: new Map() },
        summed: [],
        blocks: 0,
        variance: 0,
        cells: 0,
        rates: new Map(),
      };
      acc.set(key, a);
    }
    const g = a.counts;
    a.blocks += 1;
    a.summed.push(b);
    g.responses += b.counts.n;
    for (const [variable, [top, rest]] of Object.entries(b.counts.r ?? {})) {
      if (!rated(variable)) continue;
      const r = a.rates.get(variable) ?? [0, 0];
      a.rates.set(variable, [r[0] + top, r[1] + rest]);
      a.variance += varOf(top) + varOf(rest);
      a.cells += 2;
    }
    for (const [variable, values] of Object.entries(b.counts.a)) {
      if (variables !== null && !variables.has(variable)) continue;
      let to = g.answers.get(variable);
      if (!to) g.answers.set(variable, (to = new Map()));
      for (const [value, n] of Object.entries(values)) {
        to.set(value, (to.get(value) ?? 0) + n);
      }
    }
    for (const [driver, row] of Object.entries(b.counts.p)) {
      if (drivers !== null && !drivers.has(driver)) continue;
      let to = g.answers.get(driver);
      if (!to) g.answers.set(driver, (to = new Map()));
      let table2 = g.pairs.get(driver);
      if (!table2) g.pairs.set(driver, (table2 = emptyTable()));
      for (const v of SCALE) {
        let sum = 0;
        for (const o of OUTCOMES) {
          const n = row[driverIndex(v, o)] ?? 0;
          sum += n;
          if (o > 0) table2[v - 1]![o - 1]! += n;
        }
        if (sum !== 0) to.set(VALUE_NAMES[v]!, (to.get(VALUE_NAMES[v]!) ?? 0) + sum);
      }
    }
  };
  const groupOf = (b: StoredBlock, wave: string | null): Group => {
    const group: Group = {};
    for (const d of groupBy) {
      if (d === 'month') group.month = b.month;
      else if (d === 'wave') group.wave = wave;
      else {
        const v = (b as unknown as Record<string, string>)[d];
        group[d] = v === undefined || v === '' ? null : v;
      }
    }
    return group;
  };
  if (groupBy.includes('wave')) {
    for (const w of waves) {
      const months = new Set(
        waveMonths(
          w,
          blocks.map((b) => b.month),
        ),
      );
      for (const b of blocks) if (months.has(b.month)) addTo(groupOf(b, w.name), b);
    }
  } else {
    for (const b of blocks) addTo(groupOf(b, null), b);
  }
  const waveOrder = new Map(waves.map((w, i) => [w.name, i]));
  for (const a of acc.values()) {
    for (const [variable, [top, rest]] of a.rates) {
      let values = a.counts.answers.get(variable);
      if (!values) a.counts.answers.set(variable, (values = new Map()));
      rake(values, top, rest);
    }
  }
  const anything = (variable: string) => variables === null || rated(variable);
  const out = [...acc.values()].map((a) => {
    let detail: NoiseDetail | undefined;
    return {
      counts: a.counts,
      noise: {
        blocks: a.blocks,
        meanVariance: a.cells ? a.variance / a.cells : 0,
        detail: () => (detail ??= noiseDetail(a.summed, table, anything, universeOfMonth)),
      },
    };
  });
  out.sort((x, y) => {
    for (const d of groupBy) {
      const p = x.counts.group[d] ?? null;
      const q = y.counts.group[d] ?? null;
      if (p === q) continue;
      if (p === null) return 1;
      if (q === null) return -1;
      if (d === 'wave') return (waveOrder.get(p) ?? 0) - (waveOrder.get(q) ?? 0);
      return p < q ? -1 : 1;
    }
    return 0;
  });
  return out;
}

export { monthOf };
