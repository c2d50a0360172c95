/**
 * The filters of an export (shared/API.md): from, to (YYYY-MM-DD, inclusive, local days), region,
 * district, provider, sector — the same meaning as in reports. Unknown or repeated parameters are
 * refused with 400 InvalidQuery. Builds the portable (Kysely) query of the rows to stream.
 *
 * Besides the filters, how a CSV is written: `bom=1|0` (the UTF-8 byte-order mark; on unless 0),
 * `sep=,|;` (a semicolon for spreadsheets that expect it) and `stats=1` (the CSV the SPSS, R and
 * Stata syntax reads: one line per response, no byte-order mark unless asked, with the weight);
 * and for the syntax files `lang` (the language of their labels, default uz). None selects rows.
 */
import { z } from 'zod';
import type { CompiledQuery } from 'kysely';
import type { Storage } from '../../db/storage.js';
import { AppError } from '../errors.js';
import { isIsoDay } from '../reports/periods.js';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import { SECTORS } from '../../common/reports/dimensions.js';
import { STORED } from './columns.js';

const code = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a registry code');
const day = z.string().refine(isIsoDay, 'must be a calendar day YYYY-MM-DD');

const schema = z
  .object({
    bom: z.enum(['0', '1']).optional(),
    sep: z.enum([',', ';']).optional(),
    stats: z.enum(['1']).optional(),
    lang: z.enum(LANGUAGES).optional(),
    from: day.optional(),
    to: day.optional(),
    region: code.optional(),
    district: code.optional(),
    provider: code.optional(),
    sector: z.enum(SECTORS).optional(),
  })
  .strict();

export type ExportFilters = Omit<z.infer<typeof schema>, 'bom' | 'sep' | 'stats' | 'lang'>;

export interface ExportFormat {
  bom: boolean;
  sep: ',' | ';';
  /** The statistics CSV (one line per response, with the weight). */
  stats: boolean;
  /** The language of a syntax file's labels. */
  lang: Lang;
}

/** The parameters only a data file (CSV, XLSX) takes, and those only a syntax file takes. */
const ONLY: Record<'data' | 'syntax', readonly string[]> = {
  data: ['bom', 'sep', 'stats'],
  syntax: ['lang'],
};

/** The filters of an export (the CSV format parameters are checked, then left out). */
export function parseExportQuery(url: string): ExportFilters {
  return parseExportRequest(url).filters;
}

/** The filters and the format of an export request for a data file or a syntax file. */
export function parseExportRequest(
  url: string,
  kind: 'data' | 'syntax' = 'data',
): { filters: ExportFilters; format: ExportFormat } {
  const params = new URL(url, 'http://localhost').searchParams;
  const raw: Record<string, string> = {};
  const fields: { name: string; message: string }[] = [];
  const other = ONLY[kind === 'data' ? 'syntax' : 'data'];
  for (const [name, value] of params) {
    if (name in raw) fields.push({ name, message: 'given more than once' });
    if (other.includes(name)) fields.push({ name, message: 'unknown parameter' });
    else raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) fields.push({ name: k, message: 'unknown parameter' });
      } else fields.push({ name: issue.path.join('.') || 'query', message: issue.message });
    }
  }
  if (parsed.success && parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) {
    fields.push({ name: 'from', message: 'is after to' });
  }
  if (fields.length || !parsed.success) {
    throw new AppError('InvalidQuery', 'the export query is not valid', fields);
  }
  const { bom, sep, stats, lang, ...filters } = parsed.data;
  const format: ExportFormat = {
    bom: stats ? bom === '1' : bom !== '0',
    sep: sep ?? ',',
    stats: stats === '1',
    lang: lang ?? 'uz',
  };
  return { filters, format };
}

/** The stored rows (columns.ts StoredRow) of a survey's responses under the filters, oldest day first. */
export function exportRowsQuery(
  storage: Pick<Storage, 'db' | 'jsonArrayText'>,
  surveyId: number,
  f: ExportFilters,
): CompiledQuery {
  let q = storage.db
    .selectFrom('response')
    .select([storage.jsonArrayText(STORED).as('stored'), 'answers'])
    .where('survey_id', '=', surveyId);
  if (f.from) q = q.where('day', '>=', f.from);
  if (f.to) q = q.where('day', '<=', f.to);
  if (f.region) q = q.where('region', '=', f.region);
  if (f.district) q = q.where('district', '=', f.district);
  if (f.provider) q = q.where('provider', '=', f.provider);
  if (f.sector) q = q.where('sector', '=', f.sector);
  return q.orderBy('day').orderBy('id').compile();
}

/** `ovoz-<slug>-responses[-filters].<ext>`: only safe characters. */
export function exportFileName(slug: string, kind: string, f: ExportFilters, ext: string): string {
  const parts = ['ovoz', slug, kind, f.region, f.district, f.provider, f.sector];
  if (f.from || f.to) parts.push(`${f.from ?? 'start'}_${f.to ?? 'end'}`);
  return `${parts.filter(Boolean).join('-')}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
