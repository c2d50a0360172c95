/**
 * The CSV export's worker thread: turns batches of stored rows, sent by csv-format.ts while the
 * event loop reads the next ones, into the bytes of their CSV lines (csv-rows.ts), handed back
 * without a copy. One worker per export, given the export's plan as its workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { csvRowsWriter, type CsvRowsPlan, type FlatRows } from './csv-rows.js';

const write = csvRowsWriter(workerData as CsvRowsPlan);

parentPort?.on('message', (rows: FlatRows) => {
  try {
    const bytes = write(rows);
    parentPort!.postMessage({ bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ error: String((e as Error)?.message ?? e).slice(0, 200) });
  }
});
