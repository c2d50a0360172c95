/** The survey admin API (server/routes/admin-surveys.ts): shapes and calls. */
import type { z } from 'zod';
import type {
  checkOutcome,
  oneVersion,
  surveyDetail,
  surveyList,
} from '../../../../server/routes/admin-surveys';
import type { waveList } from '../../../../server/routes/admin-waves';
import { request } from './client';

export type SurveyStatus = 'draft' | 'open' | 'closed';

/** A version with who saved it and from what (`origin`: `designer`, `restore`, none for a file). */
export type VersionInfo = z.output<typeof surveyDetail>['versions'][number];

export interface SaveOptions {
  /** The version the edit started from (sent as If-Match). */
  base?: number | null;
  translationState?: unknown;
  restoredFrom?: number;
}

export type SurveySummary = z.output<typeof surveyList>['surveys'][number];

export type SurveyDetail = z.output<typeof surveyDetail>;

export interface WaveInput {
  name: string;
  startsOn: string;
  endsOn: string;
  /** Region code → responses the region may give during the wave. */
  quotas?: Record<string, number>;
}

/** `used`: region code → responses counted against its quota so far. */
export type Wave = z.output<typeof waveList>['waves'][number];

/** `code`, `params`: a limit's or a pattern problem's name, for the admin app's own words. */
export type CheckError = z.output<typeof checkOutcome>['errors'][number];

const base = (slug: string) => `/api/admin/surveys/${encodeURIComponent(slug)}`;

export const surveysApi = {
  list: () => request<z.output<typeof surveyList>>('/api/admin/surveys'),
  get: (slug: string) => request<SurveyDetail>(base(slug)),
  version: (slug: string, version: number) =>
    request<z.output<typeof oneVersion>>(`${base(slug)}/versions/${version}`),
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
    request<z.output<typeof checkOutcome>>('/api/admin/surveys/check', {
      method: 'POST',
      json: { json },
      signal,
    }),
  waves: (slug: string) => request<z.output<typeof waveList>>(`${base(slug)}/waves`),
  addWave: (slug: string, wave: WaveInput) =>
    request<{ wave: Wave }>(`${base(slug)}/waves`, { method: 'POST', json: wave }),
  updateWave: (slug: string, id: number, wave: WaveInput) =>
    request<{ wave: Wave }>(`${base(slug)}/waves/${id}`, { method: 'PUT', json: wave }),
};
