/**
 * Every rollup row as a line of text, with its cell's key instead of its id, sorted per table:
 * comparable across databases, engines and rebuilds (cell ids differ, counts must not).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  addAnswerPart,
  addDriverPart,
  addJoint,
  DRIVER_COLUMNS,
  eachJointInPart,
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
    // A cell's responses: its row's and its parts' not added to it yet.
    cells: await lines(
      `select ${CELL} || '=' || (c.n + coalesce((select sum(p.n) from rollup_part p
         where p.cell_id = c.id), 0)) as line from rollup_cell c`,
    ),
    ...(await answerLines(db)),
    drivers: await driverLines(db),
    joint: await jointLines(db),
  };
}

export interface HistogramBlock {
  /** The cell's key: cuboid|survey|period|region|district|provider|sector|channel|segment. */
  cell: string;
  cuboid: string;
  variable: string;
  base: number;
  counts: number[];
}

/**
 * Every cell's answer counts and histogram blocks: its rows and its parts not added to them yet
 * added up (how they are split between the two is storage, not counts).
 */
async function answerSums(db: Kysely<Database>) {
  const answers = new Map<string, number>();
  const histograms = new Map<string, HistogramBlock>();
  const addBlock = (cell: string, variable: string, base: number, block: readonly number[]) => {
    const key = `${cell}|${variable}|${base}`;
    let to = histograms.get(key);
    if (!to) {
      const cuboid = cell.slice(0, cell.indexOf('|'));
      to = { cell, cuboid, variable, base, counts: HISTOGRAM_COLUMNS.map(() => 0) };
      histograms.set(key, to);
    }
    block.forEach((n, i) => (to.counts[i]! += n));
  };
  const rows = async <R>(q: string) => (await sql<R>`${sql.raw(q)}`.execute(db)).rows;
  for (const a of await rows<{ cell: string; variable: string; value: string; n: number }>(
    `select ${CELL} as cell, a.variable, a.value, a.n
     from rollup_answer a join rollup_cell c on c.id = a.cell_id`,
  )) {
    const key = `${a.cell}|${a.variable}|${a.value}`;
    answers.set(key, (answers.get(key) ?? 0) + Number(a.n));
  }
  for (const h of await rows<{ cell: string; variable: string; base: number; counts: string }>(
    `select ${CELL} as cell, h.variable, h.base, ${counts('h', HISTOGRAM_COLUMNS)} as counts
     from rollup_histogram h join rollup_cell c on c.id = h.cell_id`,
  )) {
    addBlock(h.cell, h.variable, Number(h.base), h.counts.split(',').map(Number));
  }
  for (const p of await rows<{ cell: string; answers: string }>(
    `select ${CELL} as cell, p.answers
     from rollup_part p join rollup_cell c on c.id = p.cell_id`,
  )) {
    const sum = addAnswerPart({ answers: new Map(), histograms: new Map() }, p.answers);
    for (const a of sum.answers.values()) {
      const key = `${p.cell}|${a.variable}|${a.value}`;
      answers.set(key, (answers.get(key) ?? 0) + a.n);
    }
    for (const h of sum.histograms.values()) addBlock(p.cell, h.variable, h.base, h.counts);
  }
  return { answers, histograms };
}

/** Every histogram block of `variable`, rows and parts added up. */
export async function histogramBlocks(
  db: Kysely<Database>,
  variable: string,
): Promise<HistogramBlock[]> {
  return [...(await answerSums(db)).histograms.values()].filter((h) => h.variable === variable);
}

/** Answer counts and histogram blocks, one line per cell and value (block). */
async function answerLines(
  db: Kysely<Database>,
): Promise<{ answers: string[]; histograms: string[] }> {
  const { answers, histograms } = await answerSums(db);
  return {
    answers: [...answers].map(([key, n]) => `${key}=${n}`).sort(),
    histograms: [...histograms].map(([key, block]) => `${key}=${block.counts.join(',')}`).sort(),
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
       from rollup_part p join rollup_cell c on c.id = p.cell_id`,
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
     from rollup_joint j join rollup_cell c on c.id = j.cell_id`,
  )}`.execute(db);
  const { rows: parts } = await sql<{ cell: string; joint: string }>`${sql.raw(
    `select ${CELL} as cell, p.joint
     from rollup_part p join rollup_cell c on c.id = p.cell_id`,
  )}`.execute(db);
  const sums = new Map<string, Map<number, number>>();
  const add = (cell: string, drivers: string, counts: string) => {
    const key = `${cell}|${drivers}`;
    sums.set(key, addJoint(sums.get(key) ?? new Map(), counts));
  };
  for (const r of rows) add(r.cell, r.drivers, r.counts);
  for (const p of parts)
    eachJointInPart(p.joint, (drivers, counts) => add(p.cell, drivers, counts));
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
