/**
 * The surveys to pick from in report filters. The survey list is an admin/sociologist API; for a
 * manager (403) only the survey in the address is offered.
 */
import { useApi } from '../api/use-api';
import type { SurveySummary } from '../api/surveys';
import { useUser } from '../session';

export function useSurveyChoices(): SurveySummary[] | undefined {
  const user = useUser();
  const { data, error } = useApi<{ surveys: SurveySummary[] }>(
    user.role === 'manager' ? null : '/api/admin/surveys',
  );
  if (user.role === 'manager' || error) return [];
  return data?.surveys;
}
