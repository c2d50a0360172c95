/**
 * The registry as CSV: UTF-8 with a BOM (so spreadsheet programs read Cyrillic right), CRLF, a
 * header line. Cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR)
 * are written with a leading apostrophe, which reading them back removes.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FieldMessage } from '../errors.js';

export const BOM = '\uFEFF';
export const MAX_CSV_ERRORS = 100;

const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function toCsv(columns: readonly string[], rows: Record<string, string>[]): string {
  const guarded = rows.map((r) =>
    Object.fromEntries(columns.map((c) => [c, guardCell(r[c] ?? '')])),
  );
  return (
    BOM + stringify(guarded, { header: true, columns: [...columns], record_delimiter: 'windows' })
  );
}

export interface CsvRecord {
  /** The line the record starts on (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** A problem of one line (and column) of the file. */
export interface CsvProblem extends FieldMessage {
  line: number;
}

export interface ParsedCsv {
  records: CsvRecord[];
  errors: CsvProblem[];
}

export function csvError(line: number, column: string | null, message: string): CsvProblem {
  const where = column === null ? `line ${line}` : `line ${line}, column ${column}`;
  return { line, name: where, message: `${where}: ${message}` };
}

/** The problems in file order, as an error's fields. */
export function csvFields(problems: CsvProblem[], max = MAX_CSV_ERRORS): FieldMessage[] {
  return [...problems]
    .sort((a, b) => a.line - b.line)
    .slice(0, max)
    .map(({ name, message }) => ({ name, message }));
}

interface RawRecord {
  record: string[];
  /** Bytes read up to the end of this record and its line break. */
  info: { bytes: number };
}

/** Numbers the line each record starts on, counting CRLF, LF and CR line breaks. */
function startLines(buf: Buffer, rows: RawRecord[]): number[] {
  const out: number[] = [];
  let line = 1;
  let at = 0;
  const advance = (to: number) => {
    line +=
      buf
        .subarray(at, to)
        .toString('latin1')
        .match(/\r\n|\r|\n/g)?.length ?? 0;
    at = to;
  };
  for (const row of rows) {
    let start = at;
    // Skipped empty lines belong before the record.
    while (start < buf.length && (buf[start] === 0x0a || buf[start] === 0x0d)) start += 1;
    advance(start);
    out.push(line);
    advance(row.info.bytes);
  }
  return out;
}

/**
 * Records keyed by header name. `required` columns must be in the header, `optional` ones may be;
 * any other column is an error. Cells are trimmed and un-guarded.
 */
export function parseCsv(
  text: string,
  required: readonly string[],
  optional: readonly string[] = [],
): ParsedCsv {
  const buf = Buffer.from(text, 'utf8');
  let rows: RawRecord[];
  try {
    rows = parse(buf, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as RawRecord[];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { records: [], errors: [csvError(line, null, (e as Error).message)] };
  }
  const lines = startLines(buf, rows);
  const [head, ...body] = rows;
  if (!head) return { records: [], errors: [csvError(1, null, 'the file is empty')] };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const headLine = lines[0] ?? 1;
  const errors: CsvProblem[] = [];
  const known = new Set([...required, ...optional]);
  header.forEach((h, i) => {
    if (!known.has(h)) errors.push(csvError(headLine, h || `#${i + 1}`, 'unknown column'));
    else if (header.indexOf(h) !== i)
      errors.push(csvError(headLine, h, 'the column appears twice'));
  });
  for (const r of required) {
    if (!header.includes(r)) errors.push(csvError(headLine, r, 'the column is missing'));
  }
  if (errors.length) return { records: [], errors };

  const records: CsvRecord[] = [];
  body.forEach((row, i) => {
    const line = lines[i + 1]!;
    if (row.record.length !== header.length) {
      errors.push(
        csvError(line, null, `${row.record.length} cells where the header has ${header.length}`),
      );
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = unguardCell((row.record[j] ?? '').trim())));
    records.push({ line, values });
  });
  return { records, errors };
}
