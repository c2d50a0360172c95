/**
 * Writes what a batch of responses adds to the rollups: each cell once (its id from the upsert),
 * then its answer counts, whole-number histograms and driver tables. Used inside the caller's
 * transaction by live ingest, bulk loading and the rollup rebuild alike, so all three count a
 * response the same way. A histogram or driver-table row that the batch adds to in a few columns
 * only (a live batch: one column per response) is written column by column; a row it adds to in
 * many (bulk loading, rebuild) in one statement.
 */
import type SqliteDatabase from 'better-sqlite3';
import { DRIVER_COLUMNS, HISTOGRAM_COLUMNS } from '../../db/rollup-layout.js';
import type { CellDelta, RollupBatch } from './rollup-batch.js';
import type { IngestStatements } from './statements.js';

/** Cell ids kept in memory at most (about 20 MB); then forgotten and learnt again. */
const MAX_IDS = 200_000;

/** Up to this many changed columns, a row is written column by column. */
const NARROW = 4;

export function rollupWriter(
  sqlite: SqliteDatabase.Database,
  st: IngestStatements,
): (batch: RollupBatch) => void {
  const cell = sqlite.prepare(st.upsertCell.sql);
  const bump = sqlite.prepare(st.bumpCell.sql);
  // Cell ids by key: a cell met before is counted by its id, not looked up by its nine-part key.
  // Ids are never reused (AUTOINCREMENT), so an id whose cell has gone (a rebuild elsewhere)
  // changes nothing, and the cell is upserted by key again.
  const ids = new Map<string, number>();
  const cellId = (c: CellDelta): number => {
    const known = ids.get(c.key);
    if (known !== undefined && bump.run(...st.bumpCell.bind({ id: known, n: c.n })).changes === 1)
      return known;
    const { id } = cell.get(...st.upsertCell.bind(c)) as { id: number };
    if (ids.size >= MAX_IDS) ids.clear();
    ids.set(c.key, id);
    return id;
  };
  const answer = sqlite.prepare(st.upsertAnswer.sql);
  const histogram = sqlite.prepare(st.upsertHistogram.sql);
  const driver = sqlite.prepare(st.upsertDriver.sql);
  // Each narrow statement binds (cell_id, key, n), in this order.
  const slot = st.upsertHistogramSlot.map((s) => sqlite.prepare(s.sql));
  const column = st.upsertDriverColumn.map((s) => sqlite.prepare(s.sql));
  const changed = (counts: readonly number[]) => {
    let k = 0;
    for (const n of counts) if (n !== 0 && ++k > NARROW) return k;
    return k;
  };
  return (batch) => {
    for (const c of batch.cells.values()) {
      const id = cellId(c);
      for (const a of c.answers.values())
        answer.run(...st.upsertAnswer.bind({ cell_id: id, ...a }));
      for (const h of c.histograms.values()) {
        if (changed(h.counts) <= NARROW) {
          h.counts.forEach((n, i) => {
            if (n !== 0)
              slot[i]!.run(
                ...st.upsertHistogramSlot[i]!.bind({
                  cell_id: id,
                  variable: h.variable,
                  base: h.base,
                  n,
                }),
              );
          });
          continue;
        }
        const values: Record<string, unknown> = { cell_id: id, variable: h.variable, base: h.base };
        HISTOGRAM_COLUMNS.forEach((col, i) => (values[col] = h.counts[i]));
        histogram.run(...st.upsertHistogram.bind(values));
      }
      for (const [name, table] of c.drivers) {
        if (changed(table) <= NARROW) {
          table.forEach((n, i) => {
            if (n !== 0)
              column[i]!.run(...st.upsertDriverColumn[i]!.bind({ cell_id: id, driver: name, n }));
          });
          continue;
        }
        const values: Record<string, unknown> = { cell_id: id, driver: name };
        DRIVER_COLUMNS.forEach((col, i) => (values[col] = table[i]));
        driver.run(...st.upsertDriver.bind(values));
      }
    }
  };
}
