/**
 * CSV uploads of volumes and populations: a header line naming the columns, then one record per
 * line. Parsed with csv-parse (RFC 4180 quoting, a UTF-8 BOM tolerated); each record keeps the
 * line it started on, so every error can say where it is. Pure.
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.js';
import type { Located } from './rows.js';

export function parseCsvRows(
  text: string,
  fields: readonly string[],
  required: readonly string[],
): Located<Record<string, string>>[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    const where = err.lines ? `line ${err.lines}` : 'body';
    throw new AppError('InvalidBody', 'the CSV could not be read', [
      { name: where, message: err.message ?? 'malformed CSV' },
    ]);
  }
  const [head, ...body] = records;
  if (!head) {
    throw new AppError('InvalidBody', 'the CSV is empty', [
      { name: 'line 1', message: `expected a header: ${fields.join(',')}` },
    ]);
  }
  const columns = head.record.map((c) => c.trim().toLowerCase());
  const problems = [
    ...columns.filter((c) => !fields.includes(c)).map((c) => `unknown column ${JSON.stringify(c)}`),
    ...required
      .filter((r) => !columns.includes(r))
      .map((r) => `missing column ${JSON.stringify(r)}`),
    ...columns
      .filter((c, i) => columns.indexOf(c) !== i)
      .map((c) => `column ${JSON.stringify(c)} twice`),
  ];
  if (problems.length) {
    throw new AppError('InvalidBody', 'the CSV header is not valid', [
      {
        name: `line ${head.info.lines}`,
        message: `${problems.join('; ')}; expected ${fields.join(',')}`,
      },
    ]);
  }
  return body.map(({ record, info }) => {
    const value: Record<string, string> = {};
    columns.forEach((c, i) => (value[c] = record[i] ?? ''));
    // More cells than columns: keep them visible as an error of the row.
    record.slice(columns.length).forEach((cell, i) => {
      if (cell !== '') value[`column ${columns.length + i + 1}`] = cell;
    });
    return { where: `line ${info.lines}`, value };
  });
}
