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
