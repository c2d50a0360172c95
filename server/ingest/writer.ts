/**
 * Group commit: submissions that arrive while a transaction is being written wait for the next
 * one, and every response of a batch is committed together, by whichever storage engine the
 * server runs on (db/storage.ts: `ResponseStore.commit`). A submission's promise settles only
 * after its transaction has committed, so a 201 means the response is on disk.
 */
import type { CommitOutcome, IngestJob, ResponseStore } from '../../db/storage.js';
import { AppError } from '../errors.js';
import { log } from '../log.js';

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

/**
 * After this long without a submission, the storage folds what group commits left beside the
 * rollup rows (ResponseStore.tidy), TIDY_CELLS cells a transaction, until nothing is left or a
 * submission comes: reads stay as short as they were, and a busy writer never waits for it.
 */
export const TIDY_AFTER_MS = 1000;
const TIDY_CELLS = 500;
/** A server never idle still folds, a few cells every so many batches. */
const BUSY_TIDY_EVERY = 64;
const BUSY_TIDY_CELLS = 100;

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
  private tidyTimer: NodeJS.Timeout | null = null;
  /** A tidy transaction is running: the next batch waits for it. */
  private tidying: Promise<void> | null = null;
  /** Moves when drain() calls tidying off: a tidy that began before does not go on. */
  private tidyTurn = 0;
  private batches = 0;

  constructor(
    private readonly store: ResponseStore,
    private readonly tidyAfterMs = TIDY_AFTER_MS,
  ) {}

  submit(job: IngestJob): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (this.tidyTimer) {
        clearTimeout(this.tidyTimer);
        this.tidyTimer = null;
      }
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Resolves once every submission received so far has been committed or refused, and no tidy
   * transaction runs (one waiting for idleness is called off until the next batch).
   */
  async drain(): Promise<void> {
    this.tidyTurn += 1;
    if (this.tidyTimer) {
      clearTimeout(this.tidyTimer);
      this.tidyTimer = null;
    }
    if (this.tidying) await this.tidying;
    if (this.queue.length === 0 && !this.scheduled) return;
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** One batch at a time: the next waits for this one's commit and takes what queued meanwhile. */
  private async flush(): Promise<void> {
    if (this.tidying) await this.tidying;
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
    this.batches += 1;
    if (this.batches % BUSY_TIDY_EVERY === 0) await this.tidyOnce(BUSY_TIDY_CELLS);
    if (this.queue.length > 0) {
      setImmediate(() => void this.flush());
    } else {
      this.scheduled = false;
      for (const done of this.idle.splice(0)) done();
      this.scheduleTidy();
    }
  }

  private scheduleTidy(): void {
    if (this.tidyTimer) clearTimeout(this.tidyTimer);
    this.tidyTimer = setTimeout(() => {
      this.tidyTimer = null;
      void this.tidy();
    }, this.tidyAfterMs);
    this.tidyTimer.unref();
  }

  /** Folds one transaction's worth while no submission is waiting, then again on the next turn. */
  private async tidy(): Promise<void> {
    if (this.scheduled || this.tidying) return;
    const turn = this.tidyTurn;
    this.tidying = this.tidyOnce(TIDY_CELLS).then((more) => {
      this.tidying = null;
      if (more && !this.scheduled && turn === this.tidyTurn) setImmediate(() => void this.tidy());
    });
    await this.tidying;
  }

  /** One tidy transaction of up to `cells` cells; whether more may be left. */
  private async tidyOnce(cells: number): Promise<boolean> {
    try {
      return (await this.store.tidy(cells)) === cells;
    } catch (e) {
      // Folding changes no count: what is left folds at the next idle moment.
      log.warn('rollup parts not folded', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }
}
