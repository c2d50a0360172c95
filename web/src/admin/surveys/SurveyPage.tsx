/**
 * One survey: status and actions, the designer (canvas, logic, translations, JSON — one document
 * with undo), the version history with plain-words diffs and restore, and the waves. Saving sends
 * the version the edit started from (If-Match): if someone saved meanwhile, the sociologist is
 * told who, and chooses.
 */
import { lazy, Suspense, useState } from 'react';
import type { SurveyDetail } from '../api/surveys';
import { useApi } from '../api/use-api';
import { canonicalText } from '../designer/canonical';
import { readableOrder } from '../designer/model/elements';
import { useDocument } from '../designer/use-document';
import { useTranslationState } from '../designer/use-translation-state';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { localText } from '../lib/local-text';
import { Link, replaceQuery, useLocation } from '../lib/router';
import type { PageProps } from '../routes';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Skeleton } from '../ui/Skeleton';
import { Spinner } from '../ui/Spinner';
import { Tabs, useTab } from '../ui/Tabs';
import { HistoryTab } from './HistoryTab';
import { StatusBadge } from './StatusBadge';
import { SurveyActions } from './SurveyActions';
import { WavesTab } from './WavesTab';

const DesignerWorkspace = lazy(async () => ({
  default: (await import('../designer/DesignerWorkspace')).DesignerWorkspace,
}));

export function SurveyPage({ params }: PageProps) {
  const slug = params.slug ?? '';
  const detail = useApi<SurveyDetail>(`/api/admin/surveys/${encodeURIComponent(slug)}`);
  if (detail.error) return <ErrorBox error={detail.error} retry={detail.reload} />;
  const d = detail.data;
  if (!d) return <Skeleton lines={8} />;
  return <SurveyEditor detail={d} reload={detail.reload} />;
}

function SurveyEditor({ detail, reload }: { detail: SurveyDetail; reload(): void }) {
  const { s, lang } = useLang();
  const { query } = useLocation();
  const doc = useDocument(() => readableOrder(detail.json ?? {}));
  const translations = useTranslationState(doc.json, detail.translationState);
  const latest = detail.versions.at(-1)?.version ?? null;
  const [base, setBase] = useState<number | null>(latest);
  const [saved, setSaved] = useState(() => canonicalText(detail.json ?? {}));
  const [restored, setRestored] = useState<number | null>(null);
  const dirty = canonicalText(doc.json) !== saved;
  const tabs = [
    { key: 'design', label: s.surveys.tabs.design },
    { key: 'history', label: s.surveys.tabs.history },
    { key: 'waves', label: s.surveys.tabs.waves },
  ];
  const tab = useTab(tabs);

  return (
    <div className="page page-wide">
      <div className="page-head">
        <div>
          <h1>{localText(doc.json.title, lang) || detail.slug}</h1>
          <p className="muted">
            <code>/s/{detail.slug}</code> · <StatusBadge status={detail.status} /> · v
            {latest ?? '—'} ·{' '}
            <Link to={`/admin/distribution?survey=${encodeURIComponent(detail.slug)}`}>
              {s.nav.distribution}
            </Link>
          </p>
        </div>
        <SurveyActions
          slug={detail.slug}
          status={detail.status}
          json={doc.json}
          dirty={dirty}
          latest={latest}
          base={base}
          translationState={translations.state}
          restoredFrom={restored}
          onSaved={(version) => {
            setBase(version);
            setSaved(canonicalText(doc.json));
            setRestored(null);
            replaceQuery({ created: null });
            reload();
          }}
          onLoadTheirs={(json, version, state) => {
            doc.reset(readableOrder(json));
            translations.reset(state);
            setSaved(canonicalText(json));
            setBase(version);
            reload();
          }}
          onChanged={() => {
            replaceQuery({ created: null });
            reload();
          }}
        />
      </div>
      {query.get('created') === '1' && <Notice kind="ok">{s.surveys.created}</Notice>}
      {restored !== null && (
        <Notice kind="warn">{fmt(s.designer.diff.restored, { v: restored })}</Notice>
      )}
      <Tabs tabs={tabs} label={detail.slug} />
      <div role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'design' && (
          <Suspense fallback={<Spinner block />}>
            <DesignerWorkspace doc={doc} translations={translations} slug={detail.slug} />
          </Suspense>
        )}
        {tab === 'history' && (
          <HistoryTab
            slug={detail.slug}
            versions={detail.versions}
            onRestore={(json, version) => {
              doc.change(fmt(s.designer.diff.restore, { v: version }), () => readableOrder(json));
              setRestored(version);
              replaceQuery({ tab: 'design' });
            }}
          />
        )}
        {tab === 'waves' && <WavesTab slug={detail.slug} />}
      </div>
    </div>
  );
}
