/**
 * Writes what a batch of responses adds to the rollups: each cell once (its id from the upsert),
 * then its answer counts, whole-number histograms, driver tables and its driver × driver counts.
 * Used inside the caller's transaction by live ingest, bulk loading and the rollup rebuild alike,
 * so all three count a response the same way. A histogram or driver-table row that the batch adds
 * to in a few columns only (a live batch: one column per response) is written column by column; a
 * row it adds to in many (bulk loading, rebuild) in one statement.
 *
 * A bulk batch (loading, rebuild) writes the rows themselves; for driver × driver counts it reads
 * the cell's row, adds and writes it back (the writer holds SQLite's write lock). A live batch,
 * which adds a few responses to many cells, writes everything a cell gains — its responses,
 * driver × satisfaction tables, answer counts, histograms and driver × driver counts — as one
 * part beside its rows (`rollup_part`) instead of updating the cell's `n`, upserting each
 * driver's, answer's and histogram block's row and rewriting a driver × driver row of kilobytes
 * (a dozen statements a cell), and adds a cell's parts to its rows once they are FOLD_AT
 * (db/rollups/layout.ts). `fold` folds the rest when ingest is idle.
 */
import type { SqliteDatabase } from './driver.js';
import type { NamedStatement } from '../../named-statement.js';
import type { CellDelta, RollupBatch } from '../../rollups/batch.js';
import {
  addAnswerPart,
  addDriverPart,
  encodeAnswerPart,
  type AnswerCounts,
  addJointDense,
  DRIVER_COLUMNS,
  encodeDriverPart,
  encodeJointDense,
  encodeJointPart,
  eachJointInPart,
  HISTOGRAM_COLUMNS,
  JointAdder,
  jointSize,
  PartCounter,
} from '../../rollups/layout.js';
import { prepareNamed } from './prepared.js';
import type { SqliteStatements } from './statements.js';

/** Cell ids kept in memory at most (about 20 MB); then forgotten and learnt again. */
const MAX_IDS = 200_000;

/** Up to this many changed columns, a row is written column by column. */
const NARROW = 4;

export interface SqliteRollupWriter {
  /** Adds `batch` (`live`: a group commit's, written as parts). */
  (batch: RollupBatch, live?: boolean): void;
  /** Folds the parts of up to `max` cells into their rows; how many cells it folded. */
  fold(max: number): number;
}

export function rollupWriter(
  sqlite: SqliteDatabase.Database,
  st: SqliteStatements,
): SqliteRollupWriter {
  const prepare = (statement: NamedStatement) => prepareNamed(sqlite, statement);
  const cell = prepare(st.upsertCell);
  const bump = prepare(st.bumpCell);
  const answer = prepare(st.upsertAnswer);
  const jointNow = prepare(st.selectJoint);
  const joint = prepare(st.upsertJoint);
  const adder = new JointAdder();
  const addToJoint = (cellId: number, drivers: string, delta: ReadonlyMap<number, number>) => {
    const key = { cell_id: cellId, drivers };
    const now = (jointNow.get(key) as { counts: string } | undefined)?.counts ?? '';
    joint.run({ ...key, counts: adder.add(cellId, drivers, now, delta) });
  };
  /** Each driver list's row of the cell becomes the row plus the parts' counts (`sums`). */
  const foldJoint = (cellId: number, sums: ReadonlyMap<string, Float64Array>) => {
    for (const [drivers, sum] of sums) {
      const key = { cell_id: cellId, drivers };
      const now = (jointNow.get(key) as { counts: string } | undefined)?.counts ?? '';
      joint.run({ ...key, counts: encodeJointDense(addJointDense(sum, now)) });
    }
    adder.clear();
  };
  const insertCellPart = prepare(st.insertPart);
  const insertKnownPart = prepare(st.insertKnownPart);
  const cellPartsOf = prepare(st.parts);
  const deleteCellParts = prepare(st.deleteParts);
  const partCells = prepare(st.partCells);
  const cellPartCounter = new PartCounter();
  /** The cell's parts added to its rows, and gone. */
  const foldCellParts = (cellId: number) => {
    const tables = new Map<string, number[]>();
    const counts: AnswerCounts = { answers: new Map(), histograms: new Map() };
    const joints = new Map<string, Float64Array>();
    let n = 0;
    for (const part of cellPartsOf.all({ cell_id: cellId }) as Array<{
      n: number;
      drivers: string;
      counts: string;
      answers: string;
      joint: string;
    }>) {
      n += part.n;
      addDriverPart(tables, part.drivers, part.counts);
      addAnswerPart(counts, part.answers);
      eachJointInPart(part.joint, (drivers, text) => {
        let sum = joints.get(drivers);
        if (!sum) joints.set(drivers, (sum = new Float64Array(jointSize(drivers))));
        addJointDense(sum, text);
      });
    }
    if (n > 0) bump.run({ id: cellId, n });
    addAnswers(cellId, counts);
    for (const [name, table] of tables) driver({ cell_id: cellId, driver: name }, table);
    foldJoint(cellId, joints);
    deleteCellParts.run({ cell_id: cellId });
    cellPartCounter.folded(cellId);
  };
  // Cell ids by key: a cell met before is counted by its id, not looked up by its nine-part key.
  // Ids are never reused (AUTOINCREMENT), so an id whose cell has gone (a rebuild elsewhere)
  // changes nothing, and the cell is upserted by key again.
  const ids = new Map<string, number>();
  /** Upserts the cell by its key, adding its responses; remembers and returns its id. */
  const upsertCell = (c: CellDelta): number => {
    const { id } = cell.get(c) as { id: number };
    if (ids.size >= MAX_IDS) ids.clear();
    ids.set(c.key, id);
    return id;
  };
  const cellId = (c: CellDelta): number => {
    const known = ids.get(c.key);
    if (known !== undefined && bump.run({ id: known, n: c.n }).changes === 1) return known;
    return upsertCell(c);
  };

  /** Adds a row's counts (in `columns` order) column by column when few changed, else at once. */
  const countWriter = (
    wide: NamedStatement,
    narrow: readonly NamedStatement[],
    columns: readonly string[],
  ) => {
    const all = prepare(wide);
    const one = narrow.map(prepare);
    // `key` is the caller's fresh record: the counts are set on it, one or all.
    return (key: Record<string, unknown>, counts: readonly number[]) => {
      let changed = 0;
      for (const n of counts) if (n !== 0) changed += 1;
      if (changed <= NARROW) {
        counts.forEach((n, i) => {
          if (n === 0) return;
          key.n = n;
          one[i]!.run(key);
        });
        return;
      }
      columns.forEach((col, i) => (key[col] = counts[i]));
      all.run(key);
    };
  };
  const histogram = countWriter(st.upsertHistogram, st.upsertHistogramSlot, HISTOGRAM_COLUMNS);
  const driver = countWriter(st.upsertDriver, st.upsertDriverColumn, DRIVER_COLUMNS);
  /** Adds answer counts and histogram blocks to the cell's rows. */
  const addAnswers = (cellId: number, counts: AnswerCounts) => {
    for (const a of counts.answers.values()) answer.run({ cell_id: cellId, ...a });
    for (const h of counts.histograms.values())
      histogram({ cell_id: cellId, variable: h.variable, base: h.base }, h.counts);
  };

  /**
   * A live batch's cell: its responses, answers and driver tables as one part. A cell met before
   * is not written itself (its part carries its responses); a new one (or one gone since) is
   * upserted by key with its responses, and its part carries the rest.
   */
  const livePart = (c: CellDelta): number => {
    const part = {
      n: c.n,
      ...encodeDriverPart(c.drivers),
      answers: encodeAnswerPart(c),
      joint: encodeJointPart(c.joint),
    };
    const known = ids.get(c.key);
    if (known !== undefined && insertKnownPart.run({ cell_id: known, ...part }).changes === 1) {
      return known;
    }
    const id = upsertCell(c);
    insertCellPart.run({ cell_id: id, ...part, n: 0 });
    return id;
  };

  const write = (batch: RollupBatch, live = false) => {
    for (const c of batch.cells.values()) {
      if (live) {
        const id = livePart(c);
        if (cellPartCounter.added(id)) foldCellParts(id);
        continue;
      }
      const id = cellId(c);
      addAnswers(id, c);
      for (const [name, table] of c.drivers) driver({ cell_id: id, driver: name }, table);
      for (const [drivers, counts] of c.joint) addToJoint(id, drivers, counts);
    }
  };
  const fold = (max: number) => {
    const cells = partCells.all({ max }) as Array<{ cell_id: number }>;
    for (const c of cells) foldCellParts(c.cell_id);
    return cells.length;
  };
  return Object.assign(write, { fold });
}
