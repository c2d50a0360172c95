/**
 * Every rollup row as a line of text, with its cell's key instead of its id, sorted per table:
 * comparable across databases and across rebuilds (cell ids differ, counts must not).
 */
import type Database from 'better-sqlite3';
import { DRIVER_COLUMNS, HISTOGRAM_COLUMNS } from '../../db/rollup-layout.js';

const CELL = `c.cuboid || '|' || c.survey_id || '|' || c.period || '|' || c.region || '|' || c.district
  || '|' || c.provider || '|' || c.sector || '|' || c.channel || '|' || c.segment`;

const counts = (alias: string, columns: readonly string[]) =>
  columns.map((col) => `${alias}.${col}`).join(` || ',' || `);

export interface RollupTables {
  cells: string[];
  answers: string[];
  histograms: string[];
  drivers: string[];
}

export function rollupTables(db: Database.Database): RollupTables {
  const lines = (q: string) =>
    (db.prepare(q).all() as { line: string }[]).map((r) => r.line).sort();
  return {
    cells: lines(`select ${CELL} || '=' || c.n as line from rollup_cell c`),
    answers: lines(
      `select ${CELL} || '|' || a.variable || '|' || a.value || '=' || a.n as line
       from rollup_answer a join rollup_cell c on c.id = a.cell_id`,
    ),
    histograms: lines(
      `select ${CELL} || '|' || h.variable || '|' || h.base || '=' || ${counts('h', HISTOGRAM_COLUMNS)} as line
       from rollup_histogram h join rollup_cell c on c.id = h.cell_id`,
    ),
    drivers: lines(
      `select ${CELL} || '|' || d.driver || '=' || ${counts('d', DRIVER_COLUMNS)} as line
       from rollup_driver d join rollup_cell c on c.id = d.cell_id`,
    ),
  };
}

/** All of rollupTables in one list. */
export function rollupSnapshot(db: Database.Database): string[] {
  const t = rollupTables(db);
  return [
    ...t.cells.map((l) => `cell ${l}`),
    ...t.answers.map((l) => `answer ${l}`),
    ...t.histograms.map((l) => `histogram ${l}`),
    ...t.drivers.map((l) => `driver ${l}`),
  ];
}
