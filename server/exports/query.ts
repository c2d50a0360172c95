/**
 * The filters of an export (shared/API.md): from, to (YYYY-MM-DD, inclusive, local days), region,
 * district, provider, sector — the same meaning as in reports. Unknown or repeated parameters are
 * refused with 400 InvalidQuery. Builds the portable (Kysely) query of the rows to stream.
 *
 * Besides the filters, how a CSV is written: `bom=1|0` (the UTF-8 byte-order mark; on unless 0)
 * and `sep=,|;` (a semicolon for spreadsheets that expect it). They do not select rows.
 */
import { z } from 'zod';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { isIsoDay } from '../reports/periods.js';
import { STORED } from './columns.js';

const code = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a registry code');
const day = z.string().refine(isIsoDay, 'must be a calendar day YYYY-MM-DD');

const schema = z
  .object({
    bom: z.enum(['0', '1']).optional(),
    sep: z.enum([',', ';']).optional(),
    from: day.optional(),
    to: day.optional(),
    region: code.optional(),
    district: code.optional(),
    provider: code.optional(),
    sector: z.enum(['state', 'ngo', 'private', 'ppp']).optional(),
  })
  .strict();

export type ExportFilters = Omit<z.infer<typeof schema>, 'bom' | 'sep'>;

export interface ExportFormat {
  bom: boolean;
  sep: ',' | ';';
}

/** The filters of an export (the CSV format parameters are checked, then left out). */
export function parseExportQuery(url: string): ExportFilters {
  return parseExportRequest(url).filters;
}

/** The filters and the CSV format of an export request. */
export function parseExportRequest(url: string): { filters: ExportFilters; format: ExportFormat } {
  const params = new URL(url, 'http://localhost').searchParams;
  const raw: Record<string, string> = {};
  const fields: { name: string; message: string }[] = [];
  for (const [name, value] of params) {
    if (name in raw) fields.push({ name, message: 'given more than once' });
    raw[name] = value;
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
  const { bom, sep, ...filters } = parsed.data;
  return { filters, format: { bom: bom !== '0', sep: sep ?? ',' } };
}

/** The stored rows of a survey's responses under the filters, oldest day first. */
export function exportRowsQuery(
  db: Kysely<Database>,
  surveyId: number,
  f: ExportFilters,
): CompiledQuery {
  let q = db
    .selectFrom('response')
    .select([...STORED])
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
