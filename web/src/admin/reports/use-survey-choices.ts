/**
 * The surveys to pick from in report filters (GET /api/reports/surveys: open and closed, not
 * drafts), for every role that reads reports, managers included.
 */
import { useApi } from '../api/use-api';

export interface SurveyChoice {
  slug: string;
  title: unknown;
  status: 'open' | 'closed';
  latestVersion: number | null;
}

export function useSurveyChoices(): SurveyChoice[] | undefined {
  const { data, error } = useApi<{ surveys: SurveyChoice[] }>('/api/reports/surveys');
  if (error) return [];
  return data?.surveys;
}
