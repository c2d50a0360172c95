/**
 * The rows of a CSV export as UTF-8 bytes, a chunk at a time: each stored row (columns.ts)
 * turned into its cells and written as one CSV line. Pure, so that it runs in the export's worker
 * thread (csv-worker.ts) from a plan that crosses threads by structured clone.
 */
import type { SurveyJson } from '../../common/survey/types.js';
import { rowCells, type StoredRow } from './columns.js';
import { ChunkWriter, csvLine, type CsvSeparator } from './csv.js';
import { exportVariables, type Cell } from './variables.js';

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

/** Rows → the bytes of their CSV lines. */
export function csvRowsWriter(plan: CsvRowsPlan): (rows: readonly StoredRow[]) => Uint8Array {
  const numbers = new Map(plan.versions.map((v) => [v.id, v.version]));
  const cells = rowCells(exportVariables(plan.versions), numbers);
  const lineCells = plan.weights ? forStatistics(cells, plan.weights) : cells;
  const sep = plan.sep;
  /** What a chunk took last time, with room to spare: most chunks fit in their first buffer. */
  let capacity = 64 * 1024;
  return (rows) => {
    const out = new ChunkWriter(capacity);
    for (const row of rows) out.write(csvLine(lineCells(row), sep));
    capacity = Math.max(capacity, Math.ceil(out.size * 1.25));
    return out.bytes();
  };
}
