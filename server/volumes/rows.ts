/**
 * Service volumes and eligible populations as administrators send them (JSON or CSV), checked
 * against the registry. Every problem is reported with where it is (`rows.3` for JSON, `line 4`
 * for CSV), and nothing is stored unless every row is valid. A value left empty (null) is "not
 * recorded"; a row with no value at all removes what was recorded for its key. Pure.
 */
import type { FieldMessage } from '../errors.js';
import type { Registry } from '../repos/registry.js';

export interface VolumeRow {
  provider: string;
  /** YYYY-MM */
  month: string;
  served: number | null;
  offered: number | null;
}

export interface PopulationRow {
  /** A region or district code. */
  area: string;
  year: number;
  /** null: remove the recorded value. */
  eligible: number | null;
}

/** A row as received: raw values and where it came from (`rows.3`, `line 4`). */
export interface Located<T> {
  where: string;
  value: T;
}

type Raw = Record<string, unknown>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (v: string): boolean =>
  MONTH.test(v) && Number(v.slice(0, 4)) >= 1990 && Number(v.slice(0, 4)) <= 2100;

/** A count: a whole number ≥ 0 (a JSON number, or digits in CSV); '' and null mean not recorded. */
function count(value: unknown, name: string, problems: string[]): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  problems.push(
    `${name} must be a whole number ≥ 0 without separators, or empty (got ${JSON.stringify(value)})`,
  );
  return null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function unknownKeys(raw: Raw, known: readonly string[]): string[] {
  return Object.keys(raw)
    .filter((k) => !known.includes(k))
    .map((k) => `unknown field ${JSON.stringify(k)}`);
}

export const VOLUME_FIELDS = ['provider', 'month', 'served', 'offered'] as const;
export const POPULATION_FIELDS = ['area', 'year', 'eligible'] as const;

export function checkVolumeRows(
  rows: readonly Located<Raw>[],
  registry: Registry,
): { rows: VolumeRow[]; errors: FieldMessage[] } {
  const providers = new Set(registry.providers.map((p) => p.code));
  const seen = new Map<string, string>();
  const out: VolumeRow[] = [];
  const errors: FieldMessage[] = [];
  for (const { where, value: raw } of rows) {
    const problems = unknownKeys(raw, VOLUME_FIELDS);
    const provider = text(raw.provider);
    const month = text(raw.month);
    if (!provider) problems.push('provider is missing');
    else if (!providers.has(provider))
      problems.push(`provider ${JSON.stringify(provider)} is not in the registry`);
    if (!isMonth(month))
      problems.push(`month must be YYYY-MM (got ${JSON.stringify(raw.month ?? '')})`);
    const served = count(raw.served, 'served', problems);
    const offered = count(raw.offered, 'offered', problems);
    const key = `${provider}\u0001${month}`;
    const earlier = seen.get(key);
    if (earlier && !problems.length)
      problems.push(`${provider} ${month} is already given in ${earlier}`);
    seen.set(key, earlier ?? where);
    if (problems.length) errors.push({ name: where, message: problems.join('; ') });
    else out.push({ provider, month, served, offered });
  }
  return { rows: out, errors };
}

export function checkPopulationRows(
  rows: readonly Located<Raw>[],
  registry: Registry,
): { rows: PopulationRow[]; errors: FieldMessage[] } {
  const areas = new Set([...registry.regions, ...registry.districts].map((a) => a.code));
  const seen = new Map<string, string>();
  const out: PopulationRow[] = [];
  const errors: FieldMessage[] = [];
  for (const { where, value: raw } of rows) {
    const problems = unknownKeys(raw, POPULATION_FIELDS);
    const area = text(raw.area);
    if (!area) problems.push('area is missing');
    else if (!areas.has(area))
      problems.push(`area ${JSON.stringify(area)} is not a region or district of the registry`);
    const yearText = text(raw.year);
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1990 && year <= 2100))
      problems.push(`year must be a year such as 2026 (got ${JSON.stringify(raw.year ?? '')})`);
    const eligible = count(raw.eligible, 'eligible', problems);
    const key = `${area}\u0001${year}`;
    const earlier = seen.get(key);
    if (earlier && !problems.length)
      problems.push(`${area} ${year} is already given in ${earlier}`);
    seen.set(key, earlier ?? where);
    if (problems.length) errors.push({ name: where, message: problems.join('; ') });
    else out.push({ area, year, eligible });
  }
  return { rows: out, errors };
}
