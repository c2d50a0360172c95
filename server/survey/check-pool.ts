/**
 * The checking worker's queue: questionnaire checks run one at a time in a worker thread
 * (check-worker.ts), each within a time budget. Past the budget the worker is stopped and the
 * check refused with 422 SurveyTooComplex; with too many checks waiting, 503 with Retry-After.
 * One worker for the process: checks are rare, and the machine's other core serves citizens.
 *
 * The worker runs the same code as the server (server/worker-start.ts).
 */
import type { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { log } from '../log.js';
import { startWorker } from '../worker-start.js';
import { CHECK_BUDGET_MS, CHECK_QUEUE } from '../../common/limits.js';
import type { CheckOutcome, CheckTask, TaskFailure } from './check-task.js';

interface Pending<T, O> {
  id: number;
  task: T;
  budgetMs: number;
  resolve(outcome: O): void;
  reject(error: Error): void;
}

type Reply<O> = { id: number; outcome: O } | { id: number; failure: TaskFailure };

/** What a queue tells its callers and the log when it cannot do a task. */
export interface PoolWords {
  /** What the log calls one task, e.g. "questionnaire check". */
  task: string;
  busy(): AppError;
  overBudget(budgetMs: number): AppError;
  crashed(): AppError;
}

const CHECK_WORDS: PoolWords = {
  task: 'questionnaire check',
  busy: () =>
    new AppError(
      'Unavailable',
      'too many questionnaires are being checked; try again',
      undefined,
      5,
    ),
  overBudget: (budgetMs) =>
    new AppError(
      'SurveyTooComplex',
      `checking this questionnaire took longer than ${budgetMs / 1000} s (limit: check time); make it smaller or simpler`,
    ),
  crashed: () =>
    new AppError('Unavailable', 'the questionnaire could not be checked; try again', undefined, 5),
};

/**
 * One worker thread and its queue. The worker (check-worker.ts) runs questionnaire checks
 * (check-task.ts) and answer validations (ingest/validate-task.ts); each queue has its own thread.
 */
export class CheckPool<T = CheckTask, O = CheckOutcome> {
  private worker: Worker | null = null;
  private running: (Pending<T, O> & { timer: NodeJS.Timeout }) | null = null;
  private readonly queue: Pending<T, O>[] = [];
  private nextId = 1;

  constructor(
    private readonly maxQueue = CHECK_QUEUE,
    private readonly words: PoolWords = CHECK_WORDS,
    private readonly defaultBudgetMs = CHECK_BUDGET_MS,
  ) {}

  /** Runs one task within `budgetMs` (OVOZ_CHECK_BUDGET_MS for questionnaire checks). */
  run(task: T, budgetMs = this.defaultBudgetMs): Promise<O> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(this.words.busy());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, budgetMs, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker (at shutdown; a later check starts a new one). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const worker = startWorker(import.meta.url, 'check-worker');
    worker.on('message', (reply: Reply<O>) => this.settle(worker, reply));
    worker.on('error', (err) => this.crashed(worker, err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.crashed(worker, new Error(`exited with ${code}`));
    });
    return worker;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    this.worker ??= this.spawn();
    this.worker.ref();
    const timer = setTimeout(() => this.overBudget(next.budgetMs), next.budgetMs);
    this.running = { ...next, timer };
    this.worker.postMessage({ id: next.id, task: next.task });
  }

  private finish(): Pending<T, O> | null {
    const done = this.running;
    if (done) clearTimeout(done.timer);
    this.running = null;
    if (this.queue.length === 0) this.worker?.unref();
    return done;
  }

  private settle(worker: Worker, reply: Reply<O>): void {
    if (worker !== this.worker || reply.id !== this.running?.id) return;
    const done = this.finish()!;
    if ('outcome' in reply) done.resolve(reply.outcome);
    else done.reject(new AppError(reply.failure.code, reply.failure.message, reply.failure.fields));
    this.pump();
  }

  private overBudget(budgetMs: number): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    const done = this.finish();
    log.warn(`${this.words.task} over its time budget`, { budgetMs });
    done?.reject(this.words.overBudget(budgetMs));
    this.pump();
  }

  private crashed(worker: Worker, err: Error): void {
    if (worker !== this.worker) return;
    this.worker = null;
    const done = this.finish();
    log.error(`${this.words.task} worker stopped`, { error: err.message.slice(0, 200) });
    done?.reject(this.words.crashed());
    this.pump();
  }
}

let shared: CheckPool | null = null;

/** The process's checking worker. */
export function checkPool(): CheckPool {
  shared ??= new CheckPool();
  return shared;
}
