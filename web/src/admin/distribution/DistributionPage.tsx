/** Getting a survey to citizens: QR codes and posters of signed links, and one-time link batches. */
import type { SurveySummary } from '../api/surveys';
import { useApi } from '../api/use-api';
import { useLang } from '../i18n/lang';
import { localText } from '../lib/local-text';
import { replaceQuery, useLocation } from '../lib/router';
import { useRegistry } from '../reference/use-registry';
import { ErrorBox } from '../ui/ErrorBox';
import { Skeleton } from '../ui/Skeleton';
import { LinkBatchPanel } from './LinkBatchPanel';
import { QrPanel } from './QrPanel';

export function DistributionPage() {
  const { s, lang } = useLang();
  const { query } = useLocation();
  const list = useApi<{ surveys: SurveySummary[] }>('/api/admin/surveys');
  const { registry, loading } = useRegistry();
  const surveys = list.data?.surveys ?? [];
  const slug =
    query.get('survey') ?? surveys.find((x) => x.status === 'open')?.slug ?? surveys[0]?.slug;
  const survey = surveys.find((x) => x.slug === slug);

  return (
    <div className="page">
      <h1>{s.distribution.title}</h1>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      <label className="field field-wide">
        <span>{s.filters.survey}</span>
        <select value={slug ?? ''} onChange={(e) => replaceQuery({ survey: e.target.value })}>
          {surveys.map((x) => (
            <option key={x.slug} value={x.slug}>
              {localText(x.title, lang) || x.slug} · {s.surveys.statuses[x.status]}
            </option>
          ))}
        </select>
      </label>
      {!slug || loading ? (
        <Skeleton height={300} />
      ) : (
        <>
          <QrPanel slug={slug} registry={registry} />
          <LinkBatchPanel
            slug={slug}
            title={localText(survey?.title, lang) || slug}
            registry={registry}
          />
        </>
      )}
    </div>
  );
}
