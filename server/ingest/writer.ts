/**
 * Group commit: submissions that arrive while a transaction is being written wait for the next
 * one, and every response of a batch is committed together (WAL, synchronous=FULL). A submission's
 * promise settles only after its transaction has committed, so a 201 means the response is on disk.
 */
import type SqliteDatabase from 'better-sqlite3';
import { AppError } from '../errors.js';
import type { ResponseFacts } from './facts.js';
import { RollupBatch, type Dims } from './rollup-batch.js';
import { rollupWriter } from './rollup-writer.js';
import { prepareNamed, type PreparedNamed } from '../../db/named-statement.js';
import type { IngestStatements } from './statements.js';
import type { Stamp } from './time.js';
import type { RedeemResult } from '../repos/tokens.js';
import { redeemOutcome } from '../links/tokens.js';

export interface ResponseRow extends Dims {
  id: string;
  survey_id: number;
  version_id: number;
  lang: string;
  answers: string;
  request_hash: string;
  service_days: number | null;
}

/**
 * One response to store, as data: what the transaction must check besides the insert is named
 * here (a one-time token to redeem, a wave quota to claim), never passed as code, so any storage
 * engine can carry it out.
 */
export interface IngestJob {
  row: ResponseRow;
  facts: ResponseFacts;
  stamp: Stamp;
  /** A one-time link to redeem in the response's transaction; `now` is UTC ISO 8601. */
  token?: { hash: string; now: string };
  /** The response's region: every wave covering its day with a quota there must have room. */
  quota?: { region: string };
}

/** What the transaction checks for a job besides the insert, run by the storage engine. */
export interface IngestChecks {
  redeem(tokenHash: string, nowIso: string): RedeemResult;
  claimQuota(surveyId: number, region: string, day: string): boolean;
}

export type IngestOutcome =
  | { kind: 'created'; receivedAt: string }
  | { kind: 'replayed'; receivedAt: string }
  | { kind: 'conflict' };

interface Pending {
  job: IngestJob;
  resolve(outcome: IngestOutcome): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 512;

export class GroupCommitWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private idle: Array<() => void> = [];
  private readonly findResponse: PreparedNamed;
  private readonly insertResponse: PreparedNamed;
  private readonly commitBatch: (batch: Pending[]) => Array<IngestOutcome | AppError>;
  private readonly writeRollups: (batch: RollupBatch) => void;
  /** A job's checks under one savepoint: if one refuses, the others' changes are undone too. */
  private readonly runChecks: (job: IngestJob) => void;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    statements: IngestStatements,
    checks: IngestChecks,
  ) {
    this.findResponse = prepareNamed(sqlite, statements.findResponse);
    this.insertResponse = prepareNamed(sqlite, statements.insertResponse);
    this.writeRollups = rollupWriter(sqlite, statements);
    this.commitBatch = sqlite.transaction((batch: Pending[]) => this.write(batch)).immediate;
    // A full quota does not use up the token, nor the reverse.
    this.runChecks = sqlite.transaction((job: IngestJob) => {
      if (job.token) redeemOutcome(checks.redeem(job.token.hash, job.token.now));
      if (job.quota && !checks.claimQuota(job.row.survey_id, job.quota.region, job.stamp.day)) {
        throw new AppError('QuotaReached', 'this region has given all the answers this wave needs');
      }
    });
  }

  submit(job: IngestJob): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once every submission received so far has been committed or refused. */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private flush(): void {
    // Another part of the app may be inside an asynchronous transaction on this connection; a
    // batch written now would join it and could be rolled back after being acknowledged.
    if (this.sqlite.inTransaction) {
      setTimeout(() => this.flush(), 1);
      return;
    }
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      const outcomes = this.commitBatch(batch);
      batch.forEach((p, i) => {
        const o = outcomes[i]!;
        if (o instanceof AppError) p.reject(o);
        else p.resolve(o);
      });
    } catch (error) {
      const mapped = storageError(error);
      for (const p of batch) p.reject(mapped);
    }
    if (this.queue.length > 0) {
      setImmediate(() => this.flush());
    } else {
      this.scheduled = false;
      for (const done of this.idle.splice(0)) done();
    }
  }

  private write(batch: Pending[]): Array<IngestOutcome | AppError> {
    const rollups = new RollupBatch();
    const outcomes = batch.map(({ job }): IngestOutcome | AppError => {
      const existing = this.findResponse.get({ id: job.row.id }) as
        { request_hash: string; submitted_at: string } | undefined;
      if (existing) {
        return existing.request_hash === job.row.request_hash
          ? { kind: 'replayed', receivedAt: existing.submitted_at }
          : { kind: 'conflict' };
      }
      try {
        if (job.token || job.quota) this.runChecks(job);
      } catch (e) {
        if (e instanceof AppError) return e;
        throw e;
      }
      this.insertResponse.run({ ...job.row, submitted_at: job.stamp.hour, day: job.stamp.day });
      rollups.add(job.row.survey_id, job.row, job.stamp.day, job.facts);
      return { kind: 'created', receivedAt: job.stamp.hour };
    });
    this.writeRollups(rollups);
    return outcomes;
  }
}

/** Storage trouble is the server's, not the citizen's: 503 with Retry-After, nothing acknowledged. */
export function storageError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('Unavailable', 'the database is busy; please retry', undefined, 2);
  }
  if (
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY')
  ) {
    return new AppError(
      'Unavailable',
      'the server cannot store responses right now; please retry',
      undefined,
      30,
    );
  }
  return error;
}
