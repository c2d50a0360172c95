/**
 * Streamed CSV: UTF-8 with a byte-order mark (so Excel reads the Uzbek and Russian letters right;
 * `bom: false` leaves it out for programs that would read it as part of the first name),
 * RFC 4180 (CRLF line ends; a field with the separator, a quote or a line break is quoted, quotes
 * doubled). The separator is a comma, or a semicolon for spreadsheets set up for Russian or Uzbek
 * (where the comma is the decimal mark: there numbers are written with a decimal comma too) and safe to open in a spreadsheet: a text cell that starts with = + - @ a tab or a
 * carriage return (or their full-width forms) is prefixed with an apostrophe, so it is never run
 * as a formula; numbers are left alone.
 *
 * This is csv-stringify's output with `escape_formulas` (csv-stringify writes the header and the
 * codebook). The rows go through `csvLine`, which writes exactly the same bytes — proven by
 * test/unit/csv-line.test.ts against csv-stringify on generated rows — at several times the speed:
 * csv-stringify's per-field bookkeeping alone would hold an export below 100,000 rows/s.
 *
 * A pull stream: the next chunk of rows is read and encoded only when the client has taken the
 * previous one, so memory stays flat however many rows there are; other requests are served
 * between chunks.
 */
import { stringify } from 'csv-stringify/sync';
import type { StoredRow } from './columns.js';
import type { RowSource } from '../../db/storage.js';
import type { Cell } from './variables.js';

/**
 * `quote_record_delimiter`: csv-stringify leaves a lone LF or CR unquoted once `record_delimiter`
 * is set, which splits the record in Excel, SPSS and every RFC 4180 reader; quote it.
 */
export const CSV_OPTIONS = {
  record_delimiter: 'windows',
  escape_formulas: true,
  quote_record_delimiter: true,
} as const;

/** The field separator: a comma (RFC 4180) or a semicolon (spreadsheets with a decimal comma). */
export type CsvSeparator = ',' | ';';

export interface CsvFormat {
  /** Start with the UTF-8 byte-order mark (default true). */
  bom?: boolean;
  /** Default ','. */
  sep?: CsvSeparator;
}

/** A number as its cell text: with a decimal comma where `;` separates the fields. */
function numberText(value: number, sep: CsvSeparator): string {
  return sep === ';' ? String(value).replace('.', ',') : String(value);
}

/** Rows as CSV text with csv-stringify (the reference). */
export function csvText(rows: readonly (readonly Cell[])[], sep: CsvSeparator = ','): string {
  if (sep === ',') return stringify(rows as Cell[][], CSV_OPTIONS);
  return stringify(rows as Cell[][], {
    ...CSV_OPTIONS,
    delimiter: sep,
    cast: { number: (v: number) => numberText(v, sep) },
  });
}

const FORMULA_START = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
]);
const QUOTE: Record<CsvSeparator, RegExp> = { ',': /[",\r\n]/, ';': /[";\r\n]/ };

export function csvField(value: Cell | undefined, sep: CsvSeparator = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value, sep);
  let s = value;
  if (s !== '' && FORMULA_START.has(s[0]!)) s = `'${s}`;
  return QUOTE[sep].test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One record, CRLF-terminated: the same text as csvText([cells], sep). */
export function csvLine(cells: readonly (Cell | undefined)[], sep: CsvSeparator = ','): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += sep;
    line += csvField(cells[i], sep);
  }
  return `${line}\r\n`;
}

export const CHUNK_ROWS = 500;

export function csvStream(
  header: readonly string[],
  source: RowSource,
  cells: (row: StoredRow) => Cell[],
  onEnd?: (rows: number) => void,
  format: CsvFormat = {},
): ReadableStream<Uint8Array> {
  const sep = format.sep ?? ',';
  const bom = format.bom === false ? '' : '\uFEFF';
  const encoder = new TextEncoder();
  let started = false;
  let count = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A fast reader (a client on the same machine) would otherwise take every chunk without
        // the event loop ever turning: let other requests in before each chunk.
        await new Promise((resolve) => setImmediate(resolve));
        try {
          let text = '';
          if (!started) {
            started = true;
            text = `${bom}${csvText([header as Cell[]], sep)}`;
          }
          const rows = await source.next(CHUNK_ROWS);
          for (const row of rows) text += csvLine(cells(row), sep);
          count += rows.length;
          if (text) controller.enqueue(encoder.encode(text));
          if (!rows.length) {
            controller.close();
            onEnd?.(count);
          }
        } catch (e) {
          void source.close();
          controller.error(e);
        }
      },
      cancel() {
        return source.close();
      },
    },
    { highWaterMark: 1 },
  );
}
