/**
 * The rows of a CSV export as UTF-8 bytes, a chunk at a time: each stored row (columns.ts)
 * turned into its cells and written as one CSV line. Pure, so that it runs in the export's worker
 * thread (csv-worker.ts) from a plan that crosses threads by structured clone.
 */
import type { SurveyJson } from '../../common/survey/types.js';
import { rowCells, type StoredRow } from './columns.js';
import { ChunkWriter, csvLine, type CsvSeparator } from './csv.js';
import { exportVariables, type Cell } from './variables.js';

export interface FlatRows {
  width: number;
  values: unknown[];
}

/** Rows as FlatRows. */
export function flatten(rows: readonly StoredRow[]): FlatRows {
  const width = rows[0]?.length ?? 0;
  const values = new Array<unknown>(rows.length * width);
  let at = 0;
  for (const row of rows) for (let i = 0; i < width; i++) values[at++] = row[i];
  return { width, values };
}

export interface CsvRowsPlan {
  /** The survey's versions, newest first, with their Cyrillic texts filled (prepare.ts). */
  versions: { id: number; version: number; json: SurveyJson }[];
  sep: CsvSeparator;
  /**
   * The statistics CSV (`stats=1`): each response's weight by `provider|YYYY-MM` (weights.ts),
   * written after the last column, and line breaks inside texts written as spaces.
   */
  weights: ReadonlyMap<string, number> | null;
}

/**
 * The statistics CSV's cells: line breaks inside texts become spaces (SPSS and PSPP read one line
 * as one response), and the response's weight follows the last column.
 */
function forStatistics(
  cells: (row: StoredRow) => Cell[],
  weights: ReadonlyMap<string, number>,
): (row: StoredRow) => Cell[] {
  return (row) => {
    const all = cells(row);
    // The day and provider columns (columns.ts).
    const day = all[3] as string | null;
    const provider = all[6] as string | null;
    const out = all.map((cell) =>
      typeof cell === 'string' ? cell.replace(/\r\n|[\r\n]/g, ' ') : cell,
    );
    out.push(weights.get(`${provider ?? ''}|${day?.slice(0, 7) ?? ''}`) ?? null);
    return out;
  };
}

/**
 * Rows, flattened (every row `width` values, one after the other: cheaper to send to another
 * thread than an array per row), → the bytes of their CSV lines.
 */
export function csvRowsWriter(plan: CsvRowsPlan): (flat: FlatRows) => Uint8Array {
  const numbers = new Map(plan.versions.map((v) => [v.id, v.version]));
  const cells = rowCells(exportVariables(plan.versions), numbers);
  const lineCells = plan.weights ? forStatistics(cells, plan.weights) : cells;
  const sep = plan.sep;
  /** What a chunk took last time, with room to spare: most chunks fit in their first buffer. */
  let capacity = 64 * 1024;
  return ({ width, values }) => {
    const out = new ChunkWriter(capacity);
    // One row at a time in the same array: the cells keep nothing of it.
    const row: unknown[] = new Array<unknown>(width);
    for (let at = 0; at < values.length; at += width) {
      for (let i = 0; i < width; i++) row[i] = values[at + i];
      out.write(csvLine(lineCells(row), sep));
    }
    capacity = Math.max(capacity, Math.ceil(out.size * 1.25));
    return out.bytes();
  };
}
