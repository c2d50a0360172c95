/** The survey admin API (server/routes/admin-surveys.ts): shapes and calls. */
import { request } from './client';

export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface VersionInfo {
  version: number;
  createdAt: string;
  /** Who saved it (`null` for versions from before authors were kept, or from a file). */
  author?: string | null;
  /** `designer`, `file`, `restore`. */
  origin?: string | null;
  basedOn?: number | null;
}

export interface SaveOptions {
  /** The version the edit started from (sent as If-Match). */
  base?: number | null;
  translationState?: unknown;
  restoredFrom?: number;
}

export interface SurveySummary {
  slug: string;
  status: SurveyStatus;
  title: unknown;
  latestVersion: number | null;
  versions: VersionInfo[];
  responses?: number;
}

export interface SurveyDetail {
  slug: string;
  status: SurveyStatus;
  title: unknown;
  versions: VersionInfo[];
  json: Record<string, unknown> | null;
  translationState?: unknown;
}

export interface WaveInput {
  name: string;
  startsOn: string;
  endsOn: string;
  /** Region code → responses the region may give during the wave. */
  quotas?: Record<string, number>;
}

export interface Wave extends WaveInput {
  id: number;
  quotas: Record<string, number>;
  /** Region code → responses counted against its quota so far. */
  used: Record<string, number>;
}

export interface CheckError {
  path: string;
  message: string;
  /** A limit's or a pattern problem's name, shown in the admin app's own words. */
  code?: string;
  params?: Record<string, string | number>;
}

const base = (slug: string) => `/api/admin/surveys/${encodeURIComponent(slug)}`;

export const surveysApi = {
  list: () => request<{ surveys: SurveySummary[] }>('/api/admin/surveys'),
  get: (slug: string) => request<SurveyDetail>(base(slug)),
  version: (slug: string, version: number) =>
    request<{ version: number; json: Record<string, unknown>; createdAt?: string }>(
      `${base(slug)}/versions/${version}`,
    ),
  create: (slug: string, json: unknown) =>
    request<{ slug: string; version: number }>('/api/admin/surveys', {
      method: 'POST',
      json: { slug, json },
    }),
  saveVersion: (slug: string, json: unknown, options: SaveOptions = {}) =>
    request<{ version: number }>(`${base(slug)}/versions`, {
      method: 'POST',
      json: {
        json,
        ...(options.translationState ? { translationState: options.translationState } : {}),
        ...(options.restoredFrom ? { restoredFrom: options.restoredFrom } : {}),
      },
      headers: options.base ? { 'If-Match': `"v${options.base}"` } : undefined,
    }),
  open: (slug: string) => request<unknown>(`${base(slug)}/open`, { method: 'POST' }),
  close: (slug: string) => request<unknown>(`${base(slug)}/close`, { method: 'POST' }),
  check: (json: unknown, signal?: AbortSignal) =>
    request<{ ok: boolean; errors: CheckError[] }>('/api/admin/surveys/check', {
      method: 'POST',
      json: { json },
      signal,
    }),
  waves: (slug: string) => request<{ waves: Wave[] }>(`${base(slug)}/waves`),
  addWave: (slug: string, wave: WaveInput) =>
    request<{ wave: Wave }>(`${base(slug)}/waves`, { method: 'POST', json: wave }),
  updateWave: (slug: string, id: number, wave: WaveInput) =>
    request<{ wave: Wave }>(`${base(slug)}/waves/${id}`, { method: 'PUT', json: wave }),
};
