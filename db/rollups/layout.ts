/**
 * The wide layouts of two rollup tables, shared by the schema, the writers and the reader.
 *
 * - A driver's 5 × 6 table of one cell is one row of `rollup_driver`: column `d{v}s{o}` counts the
 *   respondents who gave the driver v (1–5) and overall satisfaction o (1–5; 0 when they gave none).
 *   Reading a report sums 30 columns of a few thousand rows instead of sorting 25 times as many
 *   narrow rows.
 * - Whole-number answers (scales, 0–10, days) are histograms in blocks of 32 consecutive values:
 *   one row of `rollup_histogram` per cell, variable and block, column `n{i}` counting the answer
 *   `base + i`. A cell's delivery days (0–365) fit in a few rows instead of one per distinct value.
 *   Every other answer (choices, text codes, fractions) stays one row per value in `rollup_answer`.
 */
/** Driver values, and overall satisfaction values with 0 for "not given". */
export const SCALE = [1, 2, 3, 4, 5] as const;
export const OUTCOMES = [0, 1, 2, 3, 4, 5] as const;

export type DriverColumn = `d${(typeof SCALE)[number]}s${(typeof OUTCOMES)[number]}`;

/** The column of driver value `v` (1–5) and satisfaction `o` (0–5). */
export const driverColumn = (v: number, o: number) => `d${v}s${o}` as DriverColumn;

/** The position of driver value `v` (1–5) and satisfaction `o` (0–5) in DRIVER_COLUMNS. */
export const driverIndex = (v: number, o: number) => (v - 1) * OUTCOMES.length + o;

/** Every driver-table column, driver value major: d1s0 … d1s5, d2s0 … d5s5. */
export const DRIVER_COLUMNS: readonly DriverColumn[] = SCALE.flatMap((v) =>
  OUTCOMES.map((o) => driverColumn(v, o)),
);

/** Values per histogram row. */
export const BLOCK = 32;

type SlotIndex =
  | 0
  | 1
  | 2
  | 3
  | 4
  | 5
  | 6
  | 7
  | 8
  | 9
  | 10
  | 11
  | 12
  | 13
  | 14
  | 15
  | 16
  | 17
  | 18
  | 19
  | 20
  | 21
  | 22
  | 23
  | 24
  | 25
  | 26
  | 27
  | 28
  | 29
  | 30
  | 31;
export type HistogramColumn = `n${SlotIndex}`;
export const HISTOGRAM_COLUMNS: readonly HistogramColumn[] = Array.from(
  { length: BLOCK },
  (_, i) => `n${i}` as HistogramColumn,
);

/**
 * The block and slot of an answer stored as a histogram, or null when it is no whole number whose
 * text reads back the same ("007", "-0" and "2.5" stay plain answers, so every stored value reads
 * back exactly as it was counted).
 */
export function histogramSlot(value: string): { base: number; slot: number } | null {
  if (!/^-?\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  if (String(n) !== value) return null;
  const base = Math.floor(n / BLOCK) * BLOCK;
  return { base, slot: n - base };
}

/**
 * The driver × driver tables of one cell (for the relative weights of the drivers) in one row of
 * `rollup_joint`, instead of one `rollup_driver` row per pair:
 * - `drivers`: the questionnaire's driver variables in name order, joined by `&`;
 * - `counts`: the nonzero counts of every pair's 5 × 5 table, as `offset:count` in offset order,
 *   comma-separated. The pairs (i < j, in the order of `drivers`) follow one another, 25 counts
 *   each: offset = pair × 25 + (value of driver i − 1) × 5 + (value of driver j − 1).
 * A response adds one count to each pair of drivers it rated, so a cell's row grows with the
 * answers seen in it, up to 25 counts a pair.
 */
export const JOINT_SEPARATOR = '&';

/** The position of the pair (i, j), i < j, of `k` drivers in the upper triangle, row major. */
export const jointPair = (k: number, i: number, j: number) =>
  (i * (2 * k - i - 1)) / 2 + (j - i - 1);

/** The offset of the pair (i, j) with values `vi`, `vj` (1–5) among `k` drivers. */
export const jointOffset = (k: number, i: number, j: number, vi: number, vj: number) =>
  jointPair(k, i, j) * 25 + (vi - 1) * 5 + (vj - 1);

/** A row's counts as text: the nonzero ones, `offset:count` in offset order. */
export function encodeJoint(counts: ReadonlyMap<number, number>): string {
  return [...counts]
    .filter(([, n]) => n !== 0)
    .sort((a, b) => a[0] - b[0])
    .map(([offset, n]) => `${offset}:${n}`)
    .join(',');
}

/** Adds a row's counts (encodeJoint's text) into `into`. */
export function addJoint(into: Map<number, number>, text: string): Map<number, number> {
  if (text === '') return into;
  for (const item of text.split(',')) {
    const colon = item.indexOf(':');
    const offset = Number(item.slice(0, colon));
    into.set(offset, (into.get(offset) ?? 0) + Number(item.slice(colon + 1)));
  }
  return into;
}

/** The size of a dense array of every count of a row with these `drivers` (its key). */
export const jointSize = (drivers: string) => jointLayout(drivers).length;

const [COMMA, COLON, MINUS, ZERO] = [44, 58, 45, 48];

/**
 * Adds a row's counts (encodeJoint's text) into a dense array of every offset. Read digit by
 * digit: a report adds up hundreds of rows of hundreds of counts each.
 */
export function addJointDense(into: Float64Array, text: string): Float64Array {
  let offset = 0;
  let n = 0;
  let sign = 1;
  let inCount = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      into[offset]! += sign * n;
      offset = 0;
      n = 0;
      sign = 1;
      inCount = false;
    } else if (c === COLON) inCount = true;
    else if (!inCount) offset = offset * 10 + (c - ZERO);
    else if (c === MINUS) sign = -1;
    else n = n * 10 + (c - ZERO);
  }
  if (inCount) into[offset]! += sign * n;
  return into;
}

/** A dense array of counts as a row's text (encodeJoint's form). */
export function encodeJointDense(counts: Float64Array): string {
  let text = '';
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n !== 0) text += text === '' ? `${i}:${n}` : `,${i}:${n}`;
  }
  return text;
}

/** Rows of driver × driver tables kept parsed in memory at most (about 17 MB for 7 drivers). */
const MAX_PARSED = 4_000;

/**
 * Adds to rows of driver × driver tables, which a writer reads, adds to and writes back whole
 * while it holds the row (SQLite's write lock, PostgreSQL's row lock). The busiest rows (national
 * and regional cells) hold hundreds of counts: each is kept parsed beside the text it was parsed
 * from, and parsed again only when the stored text differs (another writer changed it).
 */
export class JointAdder {
  private readonly parsed = new Map<string, { text: string; counts: Float64Array }>();

  /** The text of row (`cellId`, `drivers`), stored as `now` ('' when new), plus `delta`. */
  add(cellId: number, drivers: string, now: string, delta: ReadonlyMap<number, number>): string {
    const id = `${cellId}\u0001${drivers}`;
    let entry = this.parsed.get(id);
    if (!entry || entry.text !== now) {
      if (this.parsed.size >= MAX_PARSED) this.parsed.clear();
      entry = { text: now, counts: addJointDense(new Float64Array(jointSize(drivers)), now) };
      this.parsed.set(id, entry);
    }
    for (const [offset, n] of delta) entry.counts[offset]! += n;
    entry.text = encodeJointDense(entry.counts);
    return entry.text;
  }

  /** Forgets every row (a rolled-back transaction may have left texts never stored). */
  clear(): void {
    this.parsed.clear();
  }
}

export interface JointCell {
  /** The driver × driver table's name (server/ingest/facts.ts driverPairVariable). */
  pair: string;
  /** Row (the first driver's value − 1) and column (the second's − 1) in its 5 × 5 table. */
  row: number;
  column: number;
}

const jointCells = new Map<string, JointCell[]>();

/** What each offset of a row with these `drivers` (its key) counts. */
export function jointLayout(drivers: string): JointCell[] {
  let cells = jointCells.get(drivers);
  if (cells) return cells;
  const names = drivers.split(JOINT_SEPARATOR);
  cells = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const pair = `${names[i]}${JOINT_SEPARATOR}${names[j]}`;
      for (let row = 0; row < 5; row++) {
        for (let column = 0; column < 5; column++) cells.push({ pair, row, column });
      }
    }
  }
  if (jointCells.size > 1000) jointCells.clear();
  jointCells.set(drivers, cells);
  return cells;
}

/**
 * Live batches add what a cell gains as parts (`rollup_part`) beside its rows, instead of
 * rewriting the rows; once a cell has this many parts that one process wrote, they are folded
 * into its rows (in the batch's own transaction on SQLite, in one of their own after it on
 * PostgreSQL). Ingest left idle folds the rest.
 */
export const FOLD_AT = 16;

/** Cells whose parts are counted at most (then forgotten: they fold when ingest is idle). */
const MAX_COUNTED = 100_000;

/**
 * How many parts of each cell this process wrote since their last fold: when to fold. Only a
 * trigger: what a cell counts is its rows plus whatever parts exist, however many were counted
 * here (a rolled-back transaction or another process only makes a fold come sooner or later).
 */
export class PartCounter {
  private readonly counts = new Map<number, number>();

  /** One more part of the cell; true when it now has FOLD_AT or more. */
  added(cellId: number): boolean {
    const n = (this.counts.get(cellId) ?? 0) + 1;
    if (n >= FOLD_AT) {
      this.counts.delete(cellId);
      return true;
    }
    if (this.counts.size >= MAX_COUNTED) this.counts.clear();
    this.counts.set(cellId, n);
    return false;
  }

  /** The cell has no parts any more. */
  folded(cellId: number): void {
    this.counts.delete(cellId);
  }
}

/**
 * A cell's driver × satisfaction tables as one part (`rollup_part`): `drivers`, the
 * drivers counted in name order joined by `&`; `counts`, `offset:count` for each nonzero count,
 * offset = the driver's place in `drivers` × DRIVER_COLUMNS.length + its column (DRIVER_COLUMNS).
 */
export function encodeDriverPart(tables: ReadonlyMap<string, readonly number[]>): {
  drivers: string;
  counts: string;
} {
  const names = [...tables.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let counts = '';
  names.forEach((name, i) => {
    const table = tables.get(name)!;
    for (let col = 0; col < DRIVER_COLUMNS.length; col++) {
      const n = table[col]!;
      if (n === 0) continue;
      const item = `${i * DRIVER_COLUMNS.length + col}:${n}`;
      counts = counts === '' ? item : `${counts},${item}`;
    }
  });
  return { drivers: names.join(JOINT_SEPARATOR), counts };
}

/** Adds a part's counts (encodeDriverPart's) into per-driver tables in DRIVER_COLUMNS order. */
export function addDriverPart(
  into: Map<string, number[]>,
  drivers: string,
  counts: string,
): Map<string, number[]> {
  if (counts === '') return into;
  const names = drivers.split(JOINT_SEPARATOR);
  const width = DRIVER_COLUMNS.length;
  let start = 0;
  while (start < counts.length) {
    let end = counts.indexOf(',', start);
    if (end < 0) end = counts.length;
    const colon = counts.indexOf(':', start);
    const offset = Number(counts.slice(start, colon));
    const name = names[Math.floor(offset / width)]!;
    let table = into.get(name);
    if (!table) into.set(name, (table = new Array<number>(width).fill(0)));
    table[offset % width]! += Number(counts.slice(colon + 1, end));
    start = end + 1;
  }
  return into;
}

/** A cell's plain answer counts and whole-number histograms, keyed as RollupBatch keys them. */
export interface AnswerCounts {
  /** By `variable \u0001 value`. */
  answers: Map<string, { variable: string; value: string; n: number }>;
  /** By `variable \u0001 base`: the counts of the block's BLOCK values. */
  histograms: Map<string, { variable: string; base: number; counts: number[] }>;
}

/** A part's answers: `[variable, value, n]`, or `[variable, base, slot, n, slot, n, …]`. */
type AnswerItem = [string, string | number, ...number[]];

/**
 * A cell's answer counts and histograms as the `answers` text of its part (`rollup_part`): a JSON
 * array with `[variable, value, n]` for each plain answer and `[variable, base, slot, n, …]` for
 * each histogram block, its nonzero slots only. '' when there are none.
 */
export function encodeAnswerPart(counts: AnswerCounts): string {
  if (counts.answers.size === 0 && counts.histograms.size === 0) return '';
  const items: AnswerItem[] = [];
  for (const a of counts.answers.values()) items.push([a.variable, a.value, a.n]);
  for (const h of counts.histograms.values()) {
    const item: AnswerItem = [h.variable, h.base];
    for (let slot = 0; slot < h.counts.length; slot++) {
      if (h.counts[slot] !== 0) item.push(slot, h.counts[slot]!);
    }
    items.push(item);
  }
  return JSON.stringify(items);
}

/** Calls `each` with every count of a part's answers (encodeAnswerPart's text). */
export function eachAnswerInPart(
  text: string,
  each: (variable: string, value: string, n: number) => void,
): void {
  if (text === '') return;
  for (const item of JSON.parse(text) as AnswerItem[]) {
    const [variable, second] = item;
    if (typeof second === 'string') {
      each(variable, second, item[2]!);
      continue;
    }
    for (let i = 2; i < item.length; i += 2) {
      each(variable, String(second + (item[i] as number)), item[i + 1] as number);
    }
  }
}

/** Adds a part's answers (encodeAnswerPart's text) into `into`. */
export function addAnswerPart(into: AnswerCounts, text: string): AnswerCounts {
  if (text === '') return into;
  for (const item of JSON.parse(text) as AnswerItem[]) {
    const [variable, second] = item;
    if (typeof second === 'string') {
      const key = `${variable}\u0001${second}`;
      const a = into.answers.get(key);
      if (a) a.n += item[2]!;
      else into.answers.set(key, { variable, value: second, n: item[2]! });
      continue;
    }
    const key = `${variable}\u0001${second}`;
    let h = into.histograms.get(key);
    if (!h) {
      h = { variable, base: second, counts: new Array<number>(BLOCK).fill(0) };
      into.histograms.set(key, h);
    }
    for (let i = 2; i < item.length; i += 2) h.counts[item[i] as number]! += item[i + 1] as number;
  }
  return into;
}

/**
 * A cell's driver × driver counts as the `joint` text of its part (`rollup_part`): a JSON array of
 * `[drivers, counts]`, one per driver list (the key of its `rollup_joint` row), `counts` as
 * encodeJoint writes a row's. '' when there are none.
 */
export function encodeJointPart(joint: ReadonlyMap<string, ReadonlyMap<number, number>>): string {
  if (joint.size === 0) return '';
  return JSON.stringify([...joint].map(([drivers, counts]) => [drivers, encodeJoint(counts)]));
}

/** Calls `each` with every driver list of a part's `joint` text (encodeJointPart's) and its counts. */
export function eachJointInPart(
  text: string,
  each: (drivers: string, counts: string) => void,
): void {
  if (text === '') return;
  for (const [drivers, counts] of JSON.parse(text) as Array<[string, string]>)
    each(drivers, counts);
}
