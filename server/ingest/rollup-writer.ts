/**
 * Writes what a batch of responses adds to the rollups: each cell once (its id from the upsert),
 * then its answer counts and driver pairs. Used inside the caller's transaction by live ingest,
 * bulk loading and the rollup rebuild alike, so all three count a response the same way.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { RollupBatch } from './rollup-batch.js';
import type { IngestStatements } from './statements.js';

export function rollupWriter(
  sqlite: SqliteDatabase.Database,
  st: IngestStatements,
): (batch: RollupBatch) => void {
  const cell = sqlite.prepare(st.upsertCell.sql);
  const answer = sqlite.prepare(st.upsertAnswer.sql);
  const pair = sqlite.prepare(st.upsertPair.sql);
  return (batch) => {
    for (const c of batch.cells.values()) {
      const { id } = cell.get(...st.upsertCell.bind(c)) as { id: number };
      for (const a of c.answers.values())
        answer.run(...st.upsertAnswer.bind({ cell_id: id, ...a }));
      for (const p of c.pairs.values()) pair.run(...st.upsertPair.bind({ cell_id: id, ...p }));
    }
  };
}
