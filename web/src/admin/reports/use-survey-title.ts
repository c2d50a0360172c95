/**
 * A survey's title for people who cannot read the survey admin API (a manager): the citizen's
 * public read gives it while the survey is open; otherwise undefined (show the slug).
 */
import { useApi } from '../api/use-api';

export function useSurveyTitle(slug: string, enabled = true): unknown {
  const { data } = useApi<{ title?: unknown }>(
    enabled ? `/api/public/surveys/${encodeURIComponent(slug)}` : null,
  );
  return data?.title;
}
