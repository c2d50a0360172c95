/**
 * Report filters live in the address (`?survey=…&from=…&region=…`), so a view can be shared.
 * Pure helpers and a hook reading them.
 */
import { FILTER_DIMS } from '../../../../common/reports/dimensions';
import { withQuery } from '../api/client';
import { useLocation } from '../lib/router';

export const FILTER_KEYS = [
  'survey',
  'from',
  'to',
  ...FILTER_DIMS,
  // `1`: exact figures (sociologists and admins); protected figures otherwise (docs/anonymity.md).
  'exact',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>> & {
  survey: string;
  /** '1': rates weighted to the people served (docs/weights.md), where a report offers it. */
  weighted?: string;
};

export const DEFAULT_SURVEY = 'social-services';

export function filtersOf(query: URLSearchParams): Filters {
  const f: Filters = { survey: query.get('survey') || DEFAULT_SURVEY };
  for (const k of FILTER_KEYS) {
    const v = query.get(k);
    if (v && k !== 'survey') f[k] = v;
  }
  if (query.get('weighted') === '1') f.weighted = '1';
  return f;
}

export function useFilters(): Filters {
  const { query } = useLocation();
  return filtersOf(query);
}

/** The filters as a query string for a link to another view (`?survey=…`). */
export function filterQuery(f: Filters, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v) q.set(k, v);
  }
  if (f.weighted) q.set('weighted', f.weighted);
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export type ReportKind =
  'satisfaction' | 'indicators' | 'bottlenecks' | 'trend' | 'comments' | 'findings';

/** A report's own parameters besides the filters; the last three are the comments report's. */
export interface ReportExtra {
  groupBy?: string;
  method?: string;
  limit?: string;
  before?: string;
  lang?: string;
  driver?: string;
  score?: string;
  /** The trend's indicator (satisfaction when absent). */
  indicator?: string;
}

/** A report's API path. */
export function reportPath(kind: ReportKind, f: Filters, extra: ReportExtra = {}): string {
  return withQuery(`/api/reports/${kind}`, {
    survey: f.survey,
    from: f.from,
    to: f.to,
    region: f.region,
    district: f.district,
    provider: f.provider,
    sector: f.sector,
    channel: f.channel,
    exact: f.exact === '1' ? '1' : undefined,
    groupBy: extra.groupBy,
    method: extra.method,
    limit: extra.limit,
    before: extra.before,
    lang: extra.lang,
    driver: extra.driver,
    score: extra.score,
    indicator: extra.indicator,
    // Only the satisfaction and trend reports weigh their rates.
    weighted: kind === 'satisfaction' || kind === 'trend' ? f.weighted : undefined,
  });
}
