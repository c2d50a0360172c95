/**
 * Group commit: submissions that arrive while a transaction is being written wait for the next
 * one, and every response of a batch is committed together, by whichever storage engine the
 * server runs on (db/storage.ts: `ResponseStore.commit`). A submission's promise settles only
 * after its transaction has committed, so a 201 means the response is on disk.
 */
import type { CommitOutcome, IngestJob, ResponseStore } from '../../db/storage.js';
import { AppError } from '../errors.js';

export type { IngestJob };

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

/** What a citizen is told when the transaction refused their submission. */
function refusalError(outcome: Extract<CommitOutcome, { kind: 'refused' }>): AppError {
  switch (outcome.reason) {
    case 'token-used':
      return new AppError('TokenUsed', 'this link has already been used to answer');
    case 'token-expired':
      return new AppError('TokenExpired', 'this link has expired');
    case 'token-unknown':
      return new AppError('InvalidContext', 'this link is not valid');
    case 'quota-full':
      return new AppError('QuotaReached', 'this region has given all the answers this wave needs');
  }
}

export class GroupCommitWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private idle: Array<() => void> = [];

  constructor(private readonly store: ResponseStore) {}

  submit(job: IngestJob): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Resolves once every submission received so far has been committed or refused. */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** One batch at a time: the next waits for this one's commit and takes what queued meanwhile. */
  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      const outcomes = await this.store.commit(batch.map((p) => p.job));
      batch.forEach((p, i) => {
        const o = outcomes[i]!;
        if (o.kind === 'refused') p.reject(refusalError(o));
        else p.resolve(o);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
    if (this.queue.length > 0) {
      setImmediate(() => void this.flush());
    } else {
      this.scheduled = false;
      for (const done of this.idle.splice(0)) done();
    }
  }
}
