/**
 * Writes what a batch of responses adds to the rollups: each cell once (its id from the upsert),
 * then its answer counts, whole-number histograms and driver tables. Used inside the caller's transaction by live ingest,
 * bulk loading and the rollup rebuild alike, so all three count a response the same way.
 */
import type SqliteDatabase from 'better-sqlite3';
import { DRIVER_COLUMNS, HISTOGRAM_COLUMNS } from '../../db/rollup-layout.js';
import type { RollupBatch } from './rollup-batch.js';
import type { IngestStatements } from './statements.js';

export function rollupWriter(
  sqlite: SqliteDatabase.Database,
  st: IngestStatements,
): (batch: RollupBatch) => void {
  const cell = sqlite.prepare(st.upsertCell.sql);
  const answer = sqlite.prepare(st.upsertAnswer.sql);
  const histogram = sqlite.prepare(st.upsertHistogram.sql);
  const driver = sqlite.prepare(st.upsertDriver.sql);
  return (batch) => {
    for (const c of batch.cells.values()) {
      const { id } = cell.get(...st.upsertCell.bind(c)) as { id: number };
      for (const a of c.answers.values())
        answer.run(...st.upsertAnswer.bind({ cell_id: id, ...a }));
      for (const h of c.histograms.values()) {
        const values: Record<string, unknown> = { cell_id: id, variable: h.variable, base: h.base };
        HISTOGRAM_COLUMNS.forEach((col, i) => (values[col] = h.counts[i]));
        histogram.run(...st.upsertHistogram.bind(values));
      }
      for (const [name, table] of c.drivers) {
        const values: Record<string, unknown> = { cell_id: id, driver: name };
        DRIVER_COLUMNS.forEach((col, i) => (values[col] = table[i]));
        driver.run(...st.upsertDriver.bind(values));
      }
    }
  };
}
