/**
 * The response transaction on SQLite: synchronous on the one better-sqlite3 connection, so a
 * batch is one `BEGIN IMMEDIATE … COMMIT` that nothing else interleaves with, acknowledged once the
 * WAL is synced to disk (as synchronous=FULL would at commit, but off the event loop: walSync). A job's token and quota are checked under one savepoint: if one refuses, the other's
 * change is undone too (a full quota does not use up the token, nor the reverse).
 */
import type { SqliteDatabase } from './driver.js';
import { createdRow, quotaReachedRow } from '../../outbox.js';
import { RollupBatch } from '../../rollups/batch.js';
import type {
  BulkResponse,
  CommitOutcome,
  IngestJob,
  Refusal,
  ResponseStore,
} from '../../storage.js';
import { StorageUnavailable } from '../../errors.js';
import { walSync } from './connection.js';
import { sqliteStorageError } from './errors.js';
import { prepareNamed } from './prepared.js';
import { rollupWriter } from './rollup-writer.js';
import type { SqliteStatements } from './statements.js';

/** Thrown inside a job's savepoint to undo it; never leaves this module. */
class Refused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

export function sqliteResponseStore(
  sqlite: SqliteDatabase.Database,
  st: SqliteStatements,
): ResponseStore {
  const find = prepareNamed(sqlite, st.findResponse);
  const insert = prepareNamed(sqlite, st.insertResponse);
  const redeem = prepareNamed(sqlite, st.redeemToken);
  const tokenState = prepareNamed(sqlite, st.tokenState);
  const quotas = prepareNamed(sqlite, st.quotasApplying);
  const claim = prepareNamed(sqlite, st.claimQuotas);
  const reached = prepareNamed(sqlite, st.quotasReached);
  const outbox = prepareNamed(sqlite, st.insertOutbox);
  const writeRollups = rollupWriter(sqlite, st);
  const durably = walSync(sqlite);

  const redeemToken = (hash: string, now: string): void => {
    if (redeem.run({ hash, now }).changes === 1) return;
    const row = tokenState.get({ hash }) as { used: number | null } | undefined;
    throw new Refused(!row ? 'token-unknown' : row.used !== null ? 'token-used' : 'token-expired');
  };
  /** Every wave covering the day with a quota for the region must have room; each then counts one. */
  const claimQuota = (survey: number, region: string, day: string): void => {
    const row = quotas.get({ survey, region, day }) as { n: number; full: number | null };
    if (row.n === 0) return;
    if ((row.full ?? 0) > 0) throw new Refused('quota-full');
    if (claim.run({ survey, region, day }).changes !== row.n) {
      throw new Error('wave quota changed during its own transaction');
    }
    // None was full before this claim: every full one now is one this response filled.
    const filled = reached.all({ survey, region, day }) as {
      wave_id: number;
      region: string;
      quota: number;
    }[];
    for (const q of filled) {
      outbox.run(quotaReachedRow({ ...q, survey_id: survey }, Date.now()));
    }
  };
  const checks = sqlite.transaction((job: IngestJob) => {
    if (job.token) redeemToken(job.token.hash, job.token.now);
    if (job.quota) claimQuota(job.row.survey_id, job.quota.region, job.stamp.day);
  });

  const store = (job: BulkResponse, rollups: RollupBatch) => {
    insert.run({ ...job.row, submitted_at: job.stamp.hour, day: job.stamp.day });
    rollups.add(job.row.survey_id, job.row, job.stamp.day, job.facts);
  };

  const commitBatch = sqlite.transaction((jobs: readonly IngestJob[]): CommitOutcome[] => {
    const rollups = new RollupBatch();
    const created: IngestJob[] = [];
    const outcomes = jobs.map((job): CommitOutcome => {
      const existing = find.get({ id: job.row.id }) as
        { request_hash: string; submitted_at: string } | undefined;
      if (existing) {
        return existing.request_hash === job.row.request_hash
          ? { kind: 'replayed', receivedAt: existing.submitted_at }
          : { kind: 'conflict' };
      }
      if (job.token || job.quota) {
        try {
          checks(job);
        } catch (e) {
          if (e instanceof Refused) return { kind: 'refused', reason: e.reason };
          throw e;
        }
      }
      store(job, rollups);
      created.push(job);
      return { kind: 'created', receivedAt: job.stamp.hour };
    });
    writeRollups(rollups, true);
    // One outbox row for the whole batch, in its transaction (db/outbox.ts).
    const row = createdRow(created, Date.now());
    if (row) outbox.run(row);
    return outcomes;
  }).immediate;

  const loadBatch = sqlite.transaction((responses: readonly BulkResponse[]) => {
    const rollups = new RollupBatch();
    for (const r of responses) store(r, rollups);
    writeRollups(rollups);
  }).immediate;

  const foldParts = sqlite.transaction((max: number) => writeRollups.fold(max)).immediate;

  /** Runs `write` unless another part of the app is inside an asynchronous transaction. */
  const whenFree = async <T>(write: () => T): Promise<T> => {
    // A batch written inside a Kysely transaction on this connection would join it and could be
    // rolled back after being acknowledged: wait for it to end.
    while (sqlite.inTransaction) await new Promise((resolve) => setTimeout(resolve, 1));
    try {
      return write();
    } catch (e) {
      throw sqliteStorageError(e);
    }
  };

  return {
    // Acknowledged only once on disk; the disk syncs while the event loop turns (walSync).
    commit: async (jobs) => {
      const { result, synced } = await whenFree(() => durably(() => commitBatch(jobs)));
      try {
        await synced;
      } catch (e) {
        // Committed, but maybe not on disk: not acknowledged (a retry is answered as a replay
        // once a sync succeeds).
        throw new StorageUnavailable(
          'the server cannot store responses right now; please retry',
          30,
          { cause: e },
        );
      }
      return result;
    },
    load: (responses) =>
      whenFree(() => {
        if (responses.length) loadBatch(responses);
      }),
    tidy: (max) => whenFree(() => foldParts(max)),
  };
}
