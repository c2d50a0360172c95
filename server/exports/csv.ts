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
 * A pull stream: the next chunk of rows is read only when the client has taken an earlier one, so
 * memory stays flat however many rows there are; other requests are served between chunks. The
 * rows are read on the event loop (the storage's row source) and written as CSV by a formatter
 * (csv-format.ts: a worker thread), a few batches ahead, so reading and writing use both cores.
 */
import { stringify } from 'csv-stringify/sync';
import type { RowsFormatter } from './csv-format.js';
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

/** Whether a text starting with this UTF-16 code would run as a formula: = + - @ tab CR, full-width = + - @. */
function formulaStart(c: number): boolean {
  return c < 0x80
    ? c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13
    : c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20;
}

/** Whether a field must be quoted: it holds a quote, the separator, a CR or a LF. */
function needsQuotes(s: string, sepCode: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === sepCode || c === 13 || c === 10) return true;
  }
  return false;
}

function textField(value: string, sep: CsvSeparator): string {
  const s = value !== '' && formulaStart(value.charCodeAt(0)) ? `'${value}` : value;
  return needsQuotes(s, sep.charCodeAt(0)) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvField(value: Cell | undefined, sep: CsvSeparator = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value, sep);
  return textField(value, sep);
}

/** One record, CRLF-terminated: the same text as csvText([cells], sep). */
export function csvLine(cells: readonly (Cell | undefined)[], sep: CsvSeparator = ','): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += sep;
    const v = cells[i];
    // Inlined csvField: most cells are numbers or short codes.
    if (typeof v === 'number') line += sep === ',' ? String(v) : numberText(v, sep);
    else if (typeof v === 'string') line += textField(v, sep);
  }
  return `${line}\r\n`;
}

/** Rows read and formatted at a time. */
export const CHUNK_ROWS = 500;

/**
 * The bytes of one chunk: each line written straight into a buffer as UTF-8 (cheaper than joining
 * the lines into one text and encoding it), the buffer grown when a line would not fit.
 */
export class ChunkWriter {
  private buf: Buffer;
  private at = 0;

  constructor(capacity: number) {
    // Never from Buffer's shared pool: the chunk's memory is handed to another thread whole.
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }

  write(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    const need = this.at + text.length * 3;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, need));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    this.at += this.buf.write(text, this.at);
  }

  get size(): number {
    return this.at;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

/**
 * Batches read ahead of the client: while the worker writes some, the event loop reads (and may
 * write) the next; few enough that memory stays flat whatever the client's speed.
 */
const IN_FLIGHT = 4;
/** Batches read at most before the event loop turns again. */
const READ_AT_ONCE = 2;

export function csvStream(
  header: readonly string[],
  source: RowSource,
  formatter: RowsFormatter,
  onEnd?: (rows: number) => void,
  format: CsvFormat = {},
): ReadableStream<Uint8Array> {
  const sep = format.sep ?? ',';
  const bom = format.bom === false ? '' : '\uFEFF';
  let started = false;
  let drained = false;
  let count = 0;
  /** The bytes of the batches sent to the formatter, oldest first. */
  const pending: Promise<Uint8Array>[] = [];
  const stop = () => {
    formatter.close();
    return source.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A fast reader (a client on the same machine) would otherwise take every chunk without
        // the event loop ever turning: let other requests in before each chunk.
        await new Promise((resolve) => setImmediate(resolve));
        try {
          if (!started) {
            started = true;
            controller.enqueue(Buffer.from(`${bom}${csvText([header as Cell[]], sep)}`));
            return;
          }
          for (let n = 0; n < READ_AT_ONCE && !drained && pending.length < IN_FLIGHT; n++) {
            const rows = await source.next(CHUNK_ROWS);
            if (!rows.length) {
              drained = true;
              break;
            }
            count += rows.length;
            const bytes = formatter.write(rows);
            // Awaited in turn below; a failure meanwhile must not go unhandled.
            bytes.catch(() => undefined);
            pending.push(bytes);
          }
          const next = pending.shift();
          if (!next) {
            formatter.close();
            controller.close();
            onEnd?.(count);
            return;
          }
          const bytes = await next;
          if (bytes.byteLength) controller.enqueue(bytes);
        } catch (e) {
          void stop();
          controller.error(e);
        }
      },
      cancel() {
        return stop();
      },
    },
    { highWaterMark: 1 },
  );
}
