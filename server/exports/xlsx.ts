/**
 * Streamed XLSX with exceljs's WorkbookWriter: the same columns as the CSV, every text written as
 * a text cell (never a formula, so nothing in an answer can run). Rows are committed chunk by
 * chunk; between chunks the writer waits while the client is not reading (the zip output is
 * backed up) and while the compressor has not caught up with the sheet's XML (exceljs hands the XML
 * to the zip without waiting: left alone, a large export held about 50 MB of it per 100,000 rows,
 * 627 MB for the 849,301 rows of one month at 10M responses), so memory stays flat. A sheet holds at most 1,048,576 rows: longer exports continue
 * on "responses 2", "responses 3"…, each with the header.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { StoredRow } from './columns.js';
import type { RowSource } from '../../db/storage.js';
import type { Cell } from './variables.js';

const SHEET_ROWS = 1_048_576;
/** Small enough that building one chunk never holds up other requests for long. */
const CHUNK_ROWS = 100;
/** The sheet's XML that may wait for the compressor (bytes). */
const XML_BACKLOG = 4 << 20;

/** What an exceljs sheet's stream is piped into (the zip entry), as far as it shows it. */
interface SheetStream {
  pipes?: { _writableState?: { length?: number } }[];
}

/**
 * The sheet's XML not yet taken by the compressor: exceljs's sheet stream writes into the zip
 * entry whatever its buffer holds. 0 when this exceljs does not show it (nothing is waited for).
 */
function xmlBacklog(sheet: unknown): number {
  const stream = (sheet as { stream?: SheetStream }).stream;
  let bytes = 0;
  for (const pipe of stream?.pipes ?? []) bytes += pipe._writableState?.length ?? 0;
  return bytes;
}

export function xlsxStream(
  header: readonly string[],
  source: RowSource,
  cells: (row: StoredRow) => Cell[],
  onEnd?: (rows: number) => void,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  let aborted = false;
  out.on('close', () => {
    aborted = true;
    void source.close();
  });

  const write = async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    let sheetNo = 0;
    let inSheet = 0;
    let count = 0;
    const newSheet = () => {
      sheetNo += 1;
      const sheet = book.addWorksheet(sheetNo === 1 ? 'responses' : `responses ${sheetNo}`);
      sheet.addRow([...header]).commit();
      inSheet = 1;
      return sheet;
    };
    let sheet = newSheet();
    for (;;) {
      const rows = await source.next(CHUNK_ROWS);
      if (aborted) return;
      if (!rows.length) break;
      for (const row of rows) {
        if (inSheet >= SHEET_ROWS) {
          sheet.commit();
          sheet = newSheet();
        }
        sheet.addRow(cells(row)).commit();
        inSheet += 1;
        count += 1;
      }
      // Let the zip stream work; wait while the compressor is behind or the client is not reading.
      await new Promise((r) => setImmediate(r));
      while (xmlBacklog(sheet) > XML_BACKLOG) {
        if (aborted) return;
        await new Promise((r) => setTimeout(r, 2));
      }
      while (out.writableNeedDrain) {
        if (aborted) return;
        await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
    }
    sheet.commit();
    await book.commit();
    onEnd?.(count);
  };
  write().catch((e: unknown) => {
    void source.close();
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
