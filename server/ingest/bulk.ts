/**
 * Bulk loading: many responses per transaction, through the same rollup logic as live ingest
 * (extractFacts by the caller, RollupBatch, the compiled ingest statements), so a loaded response
 * counts in the reports exactly as a submitted one. For demo data, imports and benchmarks: ids are
 * assumed new (no idempotency check); a duplicate id fails the whole batch and nothing of it is
 * stored. Synchronous on the raw SQLite connection, like the group-commit writer.
 */
import type SqliteDatabase from 'better-sqlite3';
import { prepareNamed, type PreparedNamed } from '../../db/named-statement.js';
import { RollupBatch } from './rollup-batch.js';
import { rollupWriter } from './rollup-writer.js';
import type { IngestStatements } from './statements.js';
import type { IngestJob } from './writer.js';

export type BulkResponse = Omit<IngestJob, 'token' | 'quota'>;

export class BulkLoader {
  private readonly insert: PreparedNamed;
  private readonly writeRollups: (batch: RollupBatch) => void;
  private readonly commit: (batch: readonly BulkResponse[]) => void;

  constructor(sqlite: SqliteDatabase.Database, st: IngestStatements) {
    this.insert = prepareNamed(sqlite, st.insertResponse);
    this.writeRollups = rollupWriter(sqlite, st);
    this.commit = sqlite.transaction((batch: readonly BulkResponse[]) =>
      this.write(batch),
    ).immediate;
  }

  /** Stores the responses and adds them to the rollups, in one transaction. */
  load(batch: readonly BulkResponse[]): void {
    if (batch.length) this.commit(batch);
  }

  private write(batch: readonly BulkResponse[]): void {
    const rollups = new RollupBatch();
    for (const { row, facts, stamp } of batch) {
      this.insert.run({ ...row, submitted_at: stamp.hour, day: stamp.day });
      rollups.add(row.survey_id, row, stamp.day, facts);
    }
    this.writeRollups(rollups);
  }
}
