/** Suppression of a table with its margins: no hidden cell is a published total less published cells. */
import { describe, expect, it } from 'vitest';
import { suppressTable } from '../../server/domain/table-suppression.js';
import { prng } from '../helpers/prng.js';

/** A rows × cols table with margins, as the flat list and lines suppressTable takes. */
function table(cells: number[][]) {
  const rows = cells.length;
  const cols = cells[0]!.length;
  const n: number[] = cells.flat();
  const rowTotal = (r: number) => n.push(cells[r]!.reduce((a, b) => a + b, 0)) - 1;
  const rowIdx = cells.map((_, r) => rowTotal(r));
  const colIdx = Array.from(
    { length: cols },
    (_, c) => n.push(cells.reduce((a, row) => a + row[c]!, 0)) - 1,
  );
  const grand = n.push(cells.flat().reduce((a, b) => a + b, 0)) - 1;
  const at = (r: number, c: number) => r * cols + c;
  const lines = [
    ...cells.map((_, r) => [...Array.from({ length: cols }, (_, c) => at(r, c)), rowIdx[r]!]),
    ...Array.from({ length: cols }, (_, c) => [...cells.map((_, r) => at(r, c)), colIdx[c]!]),
    [...rowIdx, grand],
    [...colIdx, grand],
  ];
  return { n, lines, rows };
}

/** What an attacker works out: any line with one unknown member gives it away; repeated. */
function recovered(n: readonly number[], hidden: readonly boolean[], lines: number[][]): number[] {
  const known = hidden.map((h) => !h);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const unknown = line.filter((i) => !known[i]);
      if (unknown.length === 1) {
        known[unknown[0]!] = true;
        changed = true;
      }
    }
  }
  return n.map((_, i) => i).filter((i) => hidden[i] && known[i]);
}

describe('suppressTable', () => {
  it('hides a second cell in every line with one small cell', () => {
    const { n, lines } = table([
      [20, 3, 30],
      [25, 40, 50],
    ]);
    const hidden = suppressTable(n, 5, lines);
    expect(hidden[1]).toBe(true);
    expect(recovered(n, hidden, lines)).toEqual([]);
  });

  it('leaves no hidden cell recoverable from row and column totals, in random tables', () => {
    const rand = prng(7);
    for (let t = 0; t < 300; t++) {
      const rows = 2 + Math.floor(rand() * 6);
      const cols = 2 + Math.floor(rand() * 4);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () =>
          rand() < 0.3 ? Math.floor(rand() * 6) : Math.floor(rand() * 80),
        ),
      );
      const { n, lines } = table(cells);
      const hidden = suppressTable(n, 5, lines);
      expect(n.some((v, i) => v < 5 && !hidden[i])).toBe(false);
      expect(recovered(n, hidden, lines)).toEqual([]);
    }
  });
});
