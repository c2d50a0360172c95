/**
 * The surveys to pick from in report filters (GET /api/reports/surveys: open and closed, not
 * drafts), for every role that reads reports, managers included.
 */
import type { SurveyChoice } from '../api/types';
import { useApi } from '../api/use-api';

export type { SurveyChoice };

export function useSurveyChoices(): SurveyChoice[] | undefined {
  const { data, error } = useApi<{ surveys: SurveyChoice[] }>('/api/reports/surveys');
  if (error) return [];
  return data?.surveys;
}
