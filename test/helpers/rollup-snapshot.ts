/**
 * Every rollup row as a line of text, with its cell's key instead of its id, sorted per table:
 * comparable across databases, engines and rebuilds (cell ids differ, counts must not).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  addDriverPart,
  addJoint,
  DRIVER_COLUMNS,
  encodeJoint,
  HISTOGRAM_COLUMNS,
} from '../../db/rollups/layout.js';

const CELL = `c.cuboid || '|' || c.survey_id || '|' || c.period || '|' || c.region || '|' || c.district
  || '|' || c.provider || '|' || c.sector || '|' || c.channel || '|' || c.segment`;

const counts = (alias: string, columns: readonly string[]) =>
  columns.map((col) => `${alias}.${col}`).join(` || ',' || `);

export interface RollupTables {
  cells: string[];
  answers: string[];
  histograms: string[];
  drivers: string[];
  joint: string[];
}

export async function rollupTables(db: Kysely<Database>): Promise<RollupTables> {
  const lines = async (q: string) =>
    (await sql<{ line: string }>`${sql.raw(q)}`.execute(db)).rows.map((r) => r.line).sort();
  return {
    cells: await lines(`select ${CELL} || '=' || c.n as line from rollup_cell c`),
    answers: await lines(
      `select ${CELL} || '|' || a.variable || '|' || a.value || '=' || a.n as line
       from rollup_answer a join rollup_cell c on c.id = a.cell_id`,
    ),
    histograms: await lines(
      `select ${CELL} || '|' || h.variable || '|' || h.base || '=' || ${counts('h', HISTOGRAM_COLUMNS)} as line
       from rollup_histogram h join rollup_cell c on c.id = h.cell_id`,
    ),
    drivers: await driverLines(db),
    joint: await jointLines(db),
  };
}

/**
 * A cell's driver × satisfaction tables, one line per cell and driver: its row and its parts not
 * added to it yet added up (how they are split between the two is storage, not counts).
 */
async function driverLines(db: Kysely<Database>): Promise<string[]> {
  const rows = (
    await sql<{ cell: string; driver: string; counts: string }>`${sql.raw(
      `select ${CELL} as cell, d.driver, ${counts('d', DRIVER_COLUMNS)} as counts
       from rollup_driver d join rollup_cell c on c.id = d.cell_id`,
    )}`.execute(db)
  ).rows;
  const parts = (
    await sql<{ cell: string; drivers: string; counts: string }>`${sql.raw(
      `select ${CELL} as cell, p.drivers, p.counts
       from rollup_driver_part p join rollup_cell c on c.id = p.cell_id`,
    )}`.execute(db)
  ).rows;
  const sums = new Map<string, number[]>();
  const add = (key: string, table: readonly number[]) => {
    const to = sums.get(key) ?? DRIVER_COLUMNS.map(() => 0);
    table.forEach((n, i) => (to[i]! += n));
    sums.set(key, to);
  };
  for (const r of rows) add(`${r.cell}|${r.driver}`, r.counts.split(',').map(Number));
  for (const p of parts) {
    for (const [driver, table] of addDriverPart(new Map(), p.drivers, p.counts)) {
      add(`${p.cell}|${driver}`, table);
    }
  }
  return [...sums].map(([key, table]) => `${key}=${table.join(',')}`).sort();
}

/**
 * A cell's driver × driver counts, one line per cell and driver list: its row and its parts not
 * folded yet added up (how they are split between the two is storage, not counts).
 */
async function jointLines(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ cell: string; drivers: string; counts: string }>`${sql.raw(
    `select ${CELL} as cell, j.drivers, j.counts
     from (select cell_id, drivers, counts from rollup_joint
           union all select cell_id, drivers, counts from rollup_joint_part) j
     join rollup_cell c on c.id = j.cell_id`,
  )}`.execute(db);
  const sums = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const key = `${r.cell}|${r.drivers}`;
    sums.set(key, addJoint(sums.get(key) ?? new Map(), r.counts));
  }
  return [...sums].map(([key, counts]) => `${key}=${encodeJoint(counts)}`).sort();
}

/** All of rollupTables in one list. */
export async function rollupSnapshot(db: Kysely<Database>): Promise<string[]> {
  const t = await rollupTables(db);
  return [
    ...t.cells.map((l) => `cell ${l}`),
    ...t.answers.map((l) => `answer ${l}`),
    ...t.histograms.map((l) => `histogram ${l}`),
    ...t.drivers.map((l) => `driver ${l}`),
    ...t.joint.map((l) => `joint ${l}`),
  ];
}
