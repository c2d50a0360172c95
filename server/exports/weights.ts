/**
 * The weight column of the statistics CSV (`responses.csv?stats=1`): each response's
 * post-stratification weight, the same one a report with the same filters and dates uses
 * (server/reports/weighted.ts, docs/weights.md) — fitted from the rollups' respondents per
 * provider and month and the recorded people served, so no extra pass over the responses.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Registry } from '../repos/registry.js';
import { readRollups } from '../reports/rollup-reader.js';
import { loadServed, selectionWeights } from '../reports/weighted.js';
import type { Texts } from './texts.js';
import type { ExportFilters } from './query.js';

export const WEIGHT_COLUMN = 'weight';

export const WEIGHT_LABEL: Texts = {
  uz: 'Post-stratifikatsiya vazni (xizmat ko‘rsatuvchi × oy bo‘yicha xizmat olganlar)',
  'uz-Cyrl': 'Пост-стратификация вазни (хизмат кўрсатувчи × ой бўйича хизмат олганлар)',
  ru: 'Постстратификационный вес (по обслуженным: поставщик × месяц)',
  en: 'Post-stratification weight (people served, provider × month)',
};

/**
 * Each weight by `provider|YYYY-MM` (the response's provider and the month of its local day); a
 * response whose cell is missing has none (csv-rows.ts).
 */
export async function exportWeights(
  db: Kysely<Database>,
  registry: Registry,
  surveyId: number,
  f: ExportFilters,
): Promise<Map<string, number>> {
  const from = f.from ?? null;
  const to = f.to ?? null;
  const filters: Record<string, string> = {};
  for (const d of ['region', 'district', 'provider', 'sector'] as const) {
    const v = f[d];
    if (v !== undefined) filters[d] = v;
  }
  const [fine, served] = await Promise.all([
    readRollups(db, {
      surveyId,
      from,
      to,
      filters,
      groupBy: ['provider', 'month'],
      scope: { regions: null },
      totalsOnly: true,
    }),
    loadServed(db, from, to),
  ]);
  const weights = selectionWeights(fine, served, registry);
  return new Map([...weights.cells].map(([key, cell]) => [key, cell.weight]));
}
