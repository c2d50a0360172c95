/** The survey admin API (server/routes/admin-surveys.ts): shapes and calls. */
import type { z } from 'zod';
import type {
  checkOutcome,
  createdSurvey,
  oneVersion,
  savedVersion,
  surveyDetail,
  surveyList,
} from '../../../../server/routes/admin-surveys';
import type { waveBody, waveList } from '../../../../server/routes/admin-waves';
import { request } from './client';

export type SurveyStatus = SurveySummary['status'];

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

/** `quotas`: region code → responses the region may give during the wave. */
export type WaveInput = z.input<typeof waveBody>;

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
    request<z.output<typeof createdSurvey>>('/api/admin/surveys', {
      method: 'POST',
      json: { slug, json },
    }),
  saveVersion: (slug: string, json: unknown, options: SaveOptions = {}) =>
    request<z.output<typeof savedVersion>>(`${base(slug)}/versions`, {
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
