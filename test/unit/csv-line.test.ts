/**
 * The export's fast CSV writer (server/exports/csv.ts) writes exactly what csv-stringify writes
 * with `escape_formulas` and CRLF records, on generated rows full of the awkward cases.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvText } from '../../server/exports/csv.js';
import type { Cell } from '../../server/exports/variables.js';
import { prng } from '../helpers/prng.js';

const PIECES = [
  '',
  'a',
  'Toshkent',
  'Ўзбекистон',
  'Всё хорошо',
  ',',
  '"',
  '""',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  "'",
  '=',
  '+',
  '-',
  '@',
  '=SUM(A1)',
  '+1',
  '-1',
  '@x',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  ';',
  'na',
  '😀',
];

function randomCell(rand: () => number): Cell {
  const r = rand();
  if (r < 0.1) return null;
  if (r < 0.3) {
    const n = Math.floor(rand() * 1000) * (rand() < 0.2 ? -1 : 1);
    return rand() < 0.2 ? n / 7 : n;
  }
  let s = '';
  const parts = Math.floor(rand() * 4);
  for (let i = 0; i < parts; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

describe('csvLine', () => {
  it('writes the same bytes as csv-stringify on 20,000 generated rows', () => {
    const rand = prng(42);
    const rows: Cell[][] = Array.from({ length: 20_000 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 8) }, () => randomCell(rand)),
    );
    for (const row of rows) expect(csvLine(row)).toBe(csvText([row]));
  });

  it('round-trips through an RFC 4180 parser, texts neutralised against formulas', () => {
    const row: Cell[] = [
      '=HYPERLINK("x")',
      '-3',
      -3,
      'a,b',
      'line\r\nbreak',
      '"q"',
      null,
      4.5,
      '\tx',
    ];
    const [parsed] = parse(csvLine(row)) as string[][];
    expect(parsed).toEqual([
      '\'=HYPERLINK("x")',
      "'-3",
      '-3',
      'a,b',
      'line\r\nbreak',
      '"q"',
      '',
      '4.5',
      "'\tx",
    ]);
    expect(csvField('\uFF1Dcmd')).toBe("'\uFF1Dcmd");
  });
});

describe('csvLine with semicolons', () => {
  it('writes the same bytes as csv-stringify with delimiter ";" on 20,000 generated rows', () => {
    const rand = prng(7);
    const rows: Cell[][] = Array.from({ length: 20_000 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 8) }, () => randomCell(rand)),
    );
    for (const row of rows) expect(csvLine(row, ';')).toBe(csvText([row], ';'));
  });

  it('quotes a semicolon, not a comma; writes a decimal comma; neutralises formulas', () => {
    const row: Cell[] = ['a;b', 'a,b', 4.5, -3, '-3', '=1+1', null];
    expect(csvLine(row, ';')).toBe('"a;b";a,b;4,5;-3;\'-3;\'=1+1;\r\n');
    const [parsed] = parse(csvLine(row, ';'), { delimiter: ';' }) as string[][];
    expect(parsed).toEqual(['a;b', 'a,b', '4,5', '-3', "'-3", "'=1+1", '']);
  });
});
