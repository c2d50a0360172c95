/**
 * Where the rows of a CSV export are formatted: in a worker thread of the export's own
 * (csv-worker.ts), so that on a machine with two cores one reads the rows (the event loop, which
 * also serves every other request between chunks) while the other writes the CSV of the rows
 * read before. Batches go to the worker in order and their bytes come back in the same order.
 *
 * While the worker still has WORKER_BACKLOG batches to write, the next batch is written here
 * instead, on the event loop: handing rows to another thread costs CPU of its own (about 1 µs a
 * row, both sides), which pays only when that thread gets a core. On a busy machine the worker
 * falls behind and the event loop writes most batches itself, at the cost of one thread; with a
 * core to spare the two share the writing, and the reading stays on the event loop.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-start.js';
import type { StoredRow } from './columns.js';
import { csvRowsWriter, flatten, type CsvRowsPlan } from './csv-rows.js';

export interface RowsFormatter {
  /** The bytes of these rows' CSV lines. */
  write(rows: StoredRow[]): Promise<Uint8Array>;
  /** Stops the worker (the rows ended, failed, or the client went away). */
  close(): void;
}

type Reply = { bytes: Uint8Array } | { error: string };

/** Batches the worker may have to write before the next one is written on the event loop. */
const WORKER_BACKLOG = 2;

export function workerFormatter(plan: CsvRowsPlan): RowsFormatter {
  let worker: Worker | null = null;
  let failed: Error | null = null;
  let closed = false;
  let here: ReturnType<typeof csvRowsWriter> | null = null;
  const waiting: { resolve(bytes: Uint8Array): void; reject(e: Error): void }[] = [];
  const fail = (e: Error) => {
    failed ??= e;
    for (const w of waiting.splice(0)) w.reject(failed);
  };
  const start = (): Worker => {
    const w = startWorker(import.meta.url, 'csv-worker', { workerData: plan });
    w.on('message', (reply: Reply) => {
      const next = waiting.shift();
      if (!waiting.length) w.unref();
      if (!next) return;
      if ('bytes' in reply) next.resolve(reply.bytes);
      else next.reject(new Error(`the CSV could not be written: ${reply.error}`));
    });
    w.on('error', (e) => fail(e));
    w.on('exit', (code) => fail(new Error(`the CSV worker stopped (${code})`)));
    return w;
  };
  return {
    write(rows) {
      if (failed) return Promise.reject(failed);
      if (closed) return Promise.reject(new Error('the CSV export was closed'));
      if (waiting.length >= WORKER_BACKLOG) {
        here ??= csvRowsWriter(plan);
        try {
          return Promise.resolve(here(flatten(rows)));
        } catch (e) {
          return Promise.reject(e as Error);
        }
      }
      // Started on the first rows: a response whose body is never read starts no thread.
      worker ??= start();
      worker.ref();
      const w = worker;
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        w.postMessage(flatten(rows));
      });
    },
    close() {
      closed = true;
      if (worker) void worker.terminate();
    },
  };
}
