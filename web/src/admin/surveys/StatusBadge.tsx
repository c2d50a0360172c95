import type { SurveyStatus } from '../api/surveys';
import { useLang } from '../i18n/lang';

export function StatusBadge({ status }: { status: SurveyStatus }) {
  const { s } = useLang();
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {s.surveys.statuses[status]}
    </span>
  );
}
