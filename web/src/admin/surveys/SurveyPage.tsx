/**
 * One survey: status and actions, and tabs for the designer, the translation gaps, the version
 * history with diffs, and the waves.
 */
import { useEffect, useState } from 'react';
import type { SurveyDetail } from '../api/surveys';
import { useApi } from '../api/use-api';
import { Designer } from '../designer/Designer';
import { pretty } from '../designer/parse';
import { useLang } from '../i18n/lang';
import { localText } from '../lib/local-text';
import { Link, replaceQuery, useLocation } from '../lib/router';
import type { PageProps } from '../routes';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Skeleton } from '../ui/Skeleton';
import { Tabs, useTab } from '../ui/Tabs';
import { HistoryTab } from './HistoryTab';
import { StatusBadge } from './StatusBadge';
import { SurveyActions } from './SurveyActions';
import { TranslationsTab } from './TranslationsTab';
import { WavesTab } from './WavesTab';

export function SurveyPage({ params }: PageProps) {
  const { s, lang } = useLang();
  const slug = params.slug ?? '';
  const { query } = useLocation();
  const detail = useApi<SurveyDetail>(`/api/admin/surveys/${encodeURIComponent(slug)}`);
  const saved = detail.data?.json ? pretty(detail.data.json) : '';
  const [text, setText] = useState<string | null>(null);
  useEffect(() => setText(null), [saved]);
  const current = text ?? saved;
  const tabs = [
    { key: 'design', label: s.surveys.tabs.design },
    { key: 'translations', label: s.surveys.tabs.translations },
    { key: 'history', label: s.surveys.tabs.history },
    { key: 'waves', label: s.surveys.tabs.waves },
  ];
  const tab = useTab(tabs);

  if (detail.error) return <ErrorBox error={detail.error} retry={detail.reload} />;
  const d = detail.data;
  if (!d) return <Skeleton lines={8} />;
  const latest = d.versions.at(-1)?.version ?? null;

  return (
    <div className="page page-wide">
      <div className="page-head">
        <div>
          <h1>{localText(d.title, lang) || d.slug}</h1>
          <p className="muted">
            <code>/s/{d.slug}</code> · <StatusBadge status={d.status} /> · v{latest ?? '—'} ·{' '}
            <Link to={`/admin/distribution?survey=${encodeURIComponent(d.slug)}`}>
              {s.nav.distribution}
            </Link>
          </p>
        </div>
        <SurveyActions
          slug={d.slug}
          status={d.status}
          text={current}
          dirty={current !== saved}
          latest={latest}
          onChanged={() => {
            replaceQuery({ created: null });
            detail.reload();
          }}
        />
      </div>
      {query.get('created') === '1' && <Notice kind="ok">{s.surveys.created}</Notice>}
      <Tabs tabs={tabs} label={d.slug} />
      <div role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'design' && <Designer text={current} onText={setText} />}
        {tab === 'translations' && <TranslationsTab text={current} />}
        {tab === 'history' && <HistoryTab slug={d.slug} versions={d.versions} />}
        {tab === 'waves' && <WavesTab slug={d.slug} />}
      </div>
    </div>
  );
}
