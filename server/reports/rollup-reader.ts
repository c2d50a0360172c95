/**
 * Reads the rollups (never raw responses, DESIGN principle 2) for one report query: per group,
 * the number of responses, the count of each (variable, value) and the driver × satisfaction
 * tables. The range [from, to] is split into whole years, months, dekads and edge days, each
 * read from the cuboid of its period (periods.ts), so the answer is exact for any day range;
 * `wave` groups read each wave's days the same way. A manager's regions are part of every query: `region in (…)` is always added for a
 * limited scope, and a region filter outside it is refused (403). The provider cuboids keep the
 * channel (cuboid-choice.ts picks one for a channel filter or grouping), so a channel filter is
 * exact too. (The comments report is the one reader of
 * raw responses — text is not a count: comment-rows.ts.)
 *
 * Portable SQL through Kysely, the same on SQLite and PostgreSQL (whose bigint sums the PostgreSQL
 * engine reads as numbers; `Number()` on every sum keeps it so whatever a driver returns).
 */
import type { Kysely } from 'kysely';
import { runNamed, type NamedStatement } from '../../db/named-statement.js';
import {
  addDriverPart,
  addJointDense,
  eachAnswerInPart,
  eachJointInPart,
  driverColumn,
  HISTOGRAM_COLUMNS,
  jointLayout,
  jointSize,
  OUTCOMES,
  SCALE,
} from '../../db/rollups/layout.js';
import type { Database } from '../../db/schema.js';
import {
  CELL_DIMS,
  FILTER_DIMS,
  type Dimension,
  type FilterDim,
} from '../../common/reports/dimensions.js';
import { AppError } from '../errors.js';
import { isDriverPair } from '../ingest/facts.js';
import { pickCuboid, readLevels } from './cuboid-choice.js';
import { intersect, splitRange, type Span } from './periods.js';
import type { ReadCache } from './read-cache.js';
import {
  probeStatements,
  readStatements,
  type ProbeStatements,
  type ReadShape,
} from './rollup-statements.js';

export type GroupDim = Dimension | 'month' | 'wave';
export type { FilterDim };
export type Filters = Partial<Record<FilterDim, string>>;

/** What a user may see: null = every region. */
export interface Scope {
  regions: readonly string[] | null;
}

export interface Wave {
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface RollupRead {
  surveyId: number;
  from: string | null;
  to: string | null;
  filters: Filters;
  groupBy: readonly GroupDim[];
  /** Needed when grouping by wave, ordered by start. */
  waves?: readonly Wave[];
  scope: Scope;
  /** Only the number of responses per group (no answers, no pairs): for the comments' k-rule. */
  totalsOnly?: boolean;
  /** What to read besides the number of responses; everything when absent. */
  need?: Need;
}

/**
 * The counts a report uses: the answer variables (`a.variable in (…)`), and the drivers' pairs —
 * none, only each driver's distribution (the table's margin, summed over the outcome), or the
 * whole driver × satisfaction tables.
 */
export interface Need {
  variables: readonly string[];
  drivers: readonly string[];
  pairs: 'none' | 'margins' | 'tables';
}

/** A group's key: one entry per groupBy dimension; null where the response did not say. */
export type Group = Record<string, string | null>;

export interface GroupCounts {
  group: Group;
  responses: number;
  /** variable → value → count. */
  answers: Map<string, Map<string, number>>;
  /** driver variable → 5×5 table [driver value − 1][satisfaction value − 1]. */
  pairs: Map<string, number[][]>;
}

// A channel filter picks a cuboid that keeps the channel (the provider ones): it is exact.
const isCellDim = (d: GroupDim): d is Dimension => (CELL_DIMS as readonly string[]).includes(d);

type Row = Record<string, unknown>;

function groupOf(read: RollupRead, row: Row, wave: string | null): Group {
  const group: Group = {};
  for (const d of read.groupBy) {
    if (d === 'month') group.month = String(row.period).slice(0, 7);
    else if (d === 'wave') group.wave = wave;
    else group[d] = typeof row[d] === 'string' && row[d] !== '' ? (row[d] as string) : null;
  }
  return group;
}

const statementsOf = new WeakMap<Kysely<Database>, ReturnType<typeof readStatements>>();

/** The cell dimensions a read groups by, filters on, and so needs its cuboid to keep. */
interface ReadDims {
  grouped: Dimension[];
  filters: FilterDim[];
  needed: Dimension[];
}

function readDims(read: RollupRead): ReadDims {
  const grouped = read.groupBy.filter(isCellDim);
  const filters = FILTER_DIMS.filter((d) => read.filters[d] !== undefined);
  return { grouped, filters, needed: [...new Set<Dimension>([...grouped, ...filters])] };
}

/** What the variables of a read have at all (rollup-statements.ts `probeStatements`). */
interface Used {
  plain: boolean;
  /** null = every slot. */
  slots: number[] | null;
  /** One variable in one histogram block, and no plain answer. */
  single: boolean;
  /** Whether any cell of the survey has parts (`rollup_part`). */
  parts: boolean;
}

const probesOf = new WeakMap<Kysely<Database>, Map<string, ProbeStatements>>();

/** Which histogram slots and whether plain answers the variables of a read have at all. */
async function usedOf(db: Kysely<Database>, read: RollupRead): Promise<Used> {
  const variables = read.need ? [...new Set(read.need.variables)] : null;
  // A cuboid every response is counted in once, with the fewest cells.
  const cuboid = pickCuboid(readLevels([], false)[0]!, []).name;
  let probes = probesOf.get(db);
  if (!probes) probesOf.set(db, (probes = new Map()));
  const key = `${cuboid}|${variables?.length ?? 'all'}`;
  let st = probes.get(key);
  if (!st) probes.set(key, (st = probeStatements(db, cuboid, variables?.length ?? null)));
  const values: Record<string, unknown> = { survey: read.surveyId };
  // Parts are read only when there are any (true on PostgreSQL, 1 on SQLite).
  const [found] = await runNamed<Row>(db, st.parts, { survey: read.surveyId });
  const parts = { parts: Number(found?.parts) === 1 };
  if (read.totalsOnly === true || variables?.length === 0) {
    return { plain: false, slots: [], single: false, ...parts };
  }
  // Counts not added to their rows yet may hold any slot: every slot is read.
  if (parts.parts) return { plain: true, slots: null, single: false, ...parts };
  variables?.forEach((v, i) => (values[`variable${i}`] = v));
  const slots = new Set<number>();
  const blocks = await runNamed<Row>(db, st.slots, values);
  for (const row of blocks) {
    HISTOGRAM_COLUMNS.forEach((col, i) => {
      if (Number(row[col]) !== 0) slots.add(i);
    });
  }
  const plain = (await runNamed<Row>(db, st.plain, values)).length > 0;
  return {
    plain,
    slots: slots.size === HISTOGRAM_COLUMNS.length ? null : [...slots].sort((a, b) => a - b),
    single: variables?.length === 1 && !plain && blocks.length === 1,
    ...parts,
  };
}

/** Reads the spans of one wave (or of the whole range) in one query per rollup table. */
async function readSpans(
  db: Kysely<Database>,
  read: RollupRead,
  { grouped: dims, filters, needed }: ReadDims,
  used: Used,
  spans: readonly Span[],
  wave: string | null,
  acc: Map<string, GroupCounts>,
): Promise<void> {
  const need = read.need;
  const variables = need ? [...new Set(need.variables)] : null;
  const totalsOnly = read.totalsOnly === true;
  const pairs = totalsOnly ? 'none' : (need?.pairs ?? 'tables');
  // Driver × driver tables (`a&b`) are read from the cells' rows of them (`rollup_joint`) and the
  // parts not folded into those yet (`rollup_part`).
  const asked = need ? [...new Set(need.drivers)] : null;
  const drivers = asked?.filter((d) => !isDriverPair(d)) ?? null;
  const jointAsked = asked === null ? null : new Set(asked.filter(isDriverPair));
  const joint = pairs === 'tables' && (jointAsked === null || jointAsked.size > 0);
  const regions = read.scope.regions;
  const shape: ReadShape = {
    spans: spans.map((span) => ({
      cuboid: pickCuboid(span.period, needed).name,
      from: span.from !== null,
      to: span.to !== null,
    })),
    filters,
    regions: regions === null ? null : regions.length,
    refs: [
      ...dims.map((d) => `c.${d}` as const),
      ...(read.groupBy.includes('month') ? (['c.period'] as const) : []),
    ],
    variables: totalsOnly ? 0 : (variables?.length ?? null),
    drivers: drivers?.length ?? null,
    pairs,
    joint,
    ...used,
    single: used.single && pairs === 'none' && !joint,
  };
  let statements = statementsOf.get(db);
  if (!statements) statementsOf.set(db, (statements = readStatements(db)));
  const st = statements(shape);

  const values: Record<string, unknown> = { survey: read.surveyId };
  spans.forEach((span, i) => {
    values[`from${i}`] = span.from;
    values[`to${i}`] = span.to;
  });
  for (const d of filters) values[`filter_${d}`] = read.filters[d];
  regions?.forEach((r, i) => (values[`region${i}`] = r));
  variables?.forEach((v, i) => (values[`variable${i}`] = v));
  drivers?.forEach((d, i) => (values[`driver${i}`] = d));
  const run = async (statement: NamedStatement | null): Promise<Row[]> =>
    statement ? runNamed<Row>(db, statement, values) : [];
  const [totals, answers, histograms, tables, joints] = [
    await run(st.totals),
    await run(st.answers),
    await run(st.histograms),
    await run(st.drivers),
    await run(st.joint),
  ];
  const parts = await run(st.parts);

  const entry = (row: Row): GroupCounts => {
    const group = groupOf(read, row, wave);
    const key = JSON.stringify(read.groupBy.map((d) => group[d]));
    let g = acc.get(key);
    if (!g) {
      g = { group, responses: 0, answers: new Map(), pairs: new Map() };
      acc.set(key, g);
    }
    return g;
  };
  for (const row of totals) {
    if (row.n === null) continue; // sum() over no cells
    entry(row).responses += Number(row.n);
  }
  const count = (g: GroupCounts, variable: string, value: string, n: number) => {
    if (n === 0) return;
    const values = getOrSet(g.answers, variable, () => new Map<string, number>());
    values.set(value, (values.get(value) ?? 0) + n);
  };
  for (const row of answers) {
    count(entry(row), String(row.variable), String(row.value), Number(row.n));
  }
  for (const row of histograms) {
    const g = entry(row);
    // Read in one pass with the responses: a cell without the variable's row too.
    if (st.totals === null) g.responses += Number(row.n);
    if (row.variable === null) continue;
    const base = Number(row.base);
    HISTOGRAM_COLUMNS.forEach((col, i) => {
      // A slot left out of the read (no count anywhere) is not in the row.
      if (col in row) count(g, String(row.variable), String(base + i), Number(row[col]));
    });
  }
  /** Count `n` of driver value v and satisfaction o (0: none given) of `driver` in group `g`. */
  const addDriverCount = (g: GroupCounts, driver: string, v: number, o: number, n: number) => {
    if (n === 0) return;
    // A driver × driver table is only a table: its margins are other drivers' answers.
    if (pairs === 'margins' || !isDriverPair(driver)) count(g, driver, String(v), n);
    if (pairs === 'margins' || o === 0) return;
    const line = getOrSet(g.pairs, driver, emptyTable)[v - 1]!;
    line[o - 1]! += n;
  };
  for (const row of tables) {
    // A driver's answers are stored only in its table (satisfaction 0: no satisfaction answer),
    // so its distribution is the table's margin.
    const g = entry(row);
    const driver = String(row.driver);
    for (const v of SCALE) {
      if (pairs === 'margins') {
        count(g, driver, String(v), Number(row[`m${v}`]));
        continue;
      }
      for (const o of OUTCOMES) addDriverCount(g, driver, v, o, Number(row[driverColumn(v, o)]));
    }
  }
  // Each group's driver × driver counts, added up per driver list into one array of every offset
  // (from the rows and the parts), then spread over the pairs' 5 × 5 tables.
  const jointSums = new Map<GroupCounts, Map<string, Float64Array>>();
  const addJointText = (g: GroupCounts, list: string, text: string) => {
    const byDrivers = getOrSet(jointSums, g, () => new Map<string, Float64Array>());
    addJointDense(
      getOrSet(byDrivers, list, () => new Float64Array(jointSize(list))),
      text,
    );
  };
  // Parts not added to the rows yet: the same counts, from each cell's text.
  const askedDrivers = drivers === null ? null : new Set(drivers);
  const askedVariables = variables === null ? null : new Set(variables);
  for (const row of parts) {
    const g = entry(row);
    g.responses += Number(row.n);
    if (shape.variables !== 0) {
      eachAnswerInPart(String(row.answers), (variable, value, n) => {
        if (askedVariables === null || askedVariables.has(variable)) count(g, variable, value, n);
      });
    }
    if (st.joint !== null) {
      eachJointInPart(String(row.joint), (list, text) => addJointText(g, list, text));
    }
    if (st.drivers === null) continue;
    for (const [driver, table] of addDriverPart(
      new Map(),
      String(row.drivers),
      String(row.counts),
    )) {
      if (askedDrivers !== null && !askedDrivers.has(driver)) continue;
      table.forEach((n, col) =>
        addDriverCount(g, driver, Math.floor(col / OUTCOMES.length) + 1, col % OUTCOMES.length, n),
      );
    }
  }
  for (const row of joints) addJointText(entry(row), String(row.drivers), String(row.counts));
  for (const [g, byDrivers] of jointSums) {
    for (const [list, counts] of byDrivers) {
      const layout = jointLayout(list);
      for (let offset = 0; offset < counts.length; offset++) {
        const n = counts[offset]!;
        const cell = layout[offset];
        if (!cell || n === 0 || (jointAsked !== null && !jointAsked.has(cell.pair))) continue;
        getOrSet(g.pairs, cell.pair, emptyTable)[cell.row]![cell.column]! += n;
      }
    }
  }
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

export const emptyTable = (): number[][] => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);

function compareGroups(
  read: Pick<RollupRead, 'groupBy' | 'waves'>,
): (a: GroupCounts, b: GroupCounts) => number {
  const waveOrder = new Map((read.waves ?? []).map((w, i) => [w.name, i]));
  return (a, b) => {
    for (const d of read.groupBy) {
      const x = a.group[d] ?? null;
      const y = b.group[d] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      if (d === 'wave') return (waveOrder.get(x) ?? 0) - (waveOrder.get(y) ?? 0);
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/**
 * The counts of every group the query selects, in group order (nulls last, waves by start); with a
 * `cache`, the same read as before while the data is unchanged (read-cache.ts).
 */
export async function readRollups(
  db: Kysely<Database>,
  read: RollupRead,
  cache?: ReadCache,
): Promise<GroupCounts[]> {
  const regions = read.scope.regions;
  if (
    regions !== null &&
    read.filters.region !== undefined &&
    !regions.includes(read.filters.region)
  ) {
    throw new AppError('Forbidden', 'this region is outside the regions you may see');
  }
  return cache ? cache.get(JSON.stringify(read), () => readAll(db, read)) : readAll(db, read);
}

async function readAll(db: Kysely<Database>, read: RollupRead): Promise<GroupCounts[]> {
  const dims = readDims(read);
  const levels = readLevels(dims.needed, read.groupBy.includes('month'));
  const parts: Array<{ spans: Span[]; wave: string | null }> = read.groupBy.includes('wave')
    ? (read.waves ?? []).flatMap((w) => {
        const days = intersect(read.from, read.to, w.startsOn, w.endsOn);
        return days ? [{ spans: splitRange(days.from, days.to, levels), wave: w.name }] : [];
      })
    : [{ spans: splitRange(read.from, read.to, levels), wave: null }];
  const acc = new Map<string, GroupCounts>();
  const used = await usedOf(db, read);
  for (const p of parts)
    if (p.spans.length) await readSpans(db, read, dims, used, p.spans, p.wave, acc);
  return [...acc.values()].sort(compareGroups(read));
}

/**
 * Counts read by a finer grouping added up to a coarser one (`groupBy` ⊆ the fine grouping's
 * dimensions), in the reader's group order. Exact because counts are additive across the cells of
 * one cuboid — and wrong across overlapping slices: never for waves (a day may be in two) or
 * segments (a respondent in several).
 */
export function regroup(
  fine: readonly GroupCounts[],
  groupBy: readonly GroupDim[],
  waves?: readonly Wave[],
): GroupCounts[] {
  const acc = new Map<string, GroupCounts>();
  for (const g of fine) {
    const group: Group = {};
    for (const d of groupBy) group[d] = g.group[d] ?? null;
    const key = JSON.stringify(groupBy.map((d) => group[d]));
    let into = acc.get(key);
    if (!into) acc.set(key, (into = emptyCounts(group)));
    addCounts(into, g);
  }
  return [...acc.values()].sort(compareGroups({ groupBy, waves }));
}

/** Adds `g`'s counts into `into`. */
export function addCounts(into: GroupCounts, g: GroupCounts): void {
  into.responses += g.responses;
  for (const [variable, values] of g.answers) {
    const to = getOrSet(into.answers, variable, () => new Map<string, number>());
    for (const [value, n] of values) to.set(value, (to.get(value) ?? 0) + n);
  }
  for (const [driver, table] of g.pairs) {
    const to = getOrSet(into.pairs, driver, emptyTable);
    for (let i = 0; i < 5; i++) {
      const from = table[i];
      const line = to[i];
      if (!from || !line) continue;
      for (let j = 0; j < 5; j++) line[j] = (line[j] ?? 0) + (from[j] ?? 0);
    }
  }
}

/** The counts of a group with no responses. */
export function emptyCounts(group: Group = {}): GroupCounts {
  return { group, responses: 0, answers: new Map(), pairs: new Map() };
}
