/**
 * The free-text comments browser (GET /api/reports/comments): the comments of the selection,
 * newest first, a page at a time, only when the selection has at least k responses (the server
 * decides), with phone numbers, e-mails and document numbers masked by the server and here again.
 */
import { useMemo, useState } from 'react';
import type { Group } from '../api/types';
import type { ApiState } from '../api/use-api';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { month } from '../lib/format';
import { maskPersonalData } from '../lib/mask';
import { FilterBar } from '../reports/FilterBar';
import { reportPath, useFilters, type Filters } from '../reports/filters';
import { useReport } from '../reports/use-report';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { groupLabel } from './groupLabel';

export interface CommentItem {
  text: string;
  /** YYYY-MM */
  month: string;
  lang: string;
  group: Group;
}

interface CommentsReport {
  k: number;
  suppressed: boolean;
  comments: CommentItem[];
  next: string | null;
}

const PAGE = '50';

/** One page of comments and, on request, the next one after it. */
function CommentsFrom({ f, before, search }: { f: Filters; before?: string; search: string }) {
  const { s } = useLang();
  const report = useReport<CommentsReport>('comments', f, { limit: PAGE, before });
  return (
    <>
      {!before && <p className="muted">{fmt(s.comments.intro, { k: report.data?.k ?? 5 })}</p>}
      <PageBody report={report} f={f} before={before} search={search} />
    </>
  );
}

function PageBody({
  report,
  f,
  before,
  search,
}: {
  report: ApiState<CommentsReport>;
  f: Filters;
  before?: string;
  search: string;
}) {
  const { s, lang } = useLang();
  const [more, setMore] = useState(false);
  const comments = useMemo(() => {
    const list = (report.data?.comments ?? []).map((c) => ({
      ...c,
      text: maskPersonalData(c.text),
    }));
    const needle = search.trim().toLowerCase();
    return needle ? list.filter((c) => c.text.toLowerCase().includes(needle)) : list;
  }, [report.data, search]);

  if (report.error) return <ErrorBox error={report.error} retry={report.reload} />;
  if (!report.data) return <Skeleton lines={6} />;
  if (report.data.suppressed) {
    return <Notice kind="warn">{fmt(s.comments.suppressed, { k: report.data.k })}</Notice>;
  }
  if (!before && report.data.comments.length === 0) return <p>{s.comments.none}</p>;
  const next = report.data.next;
  return (
    <>
      <ul className="comment-list">
        {comments.map((c, i) => (
          <li key={i} lang={c.lang}>
            <blockquote>{c.text}</blockquote>
            <span className="muted">
              {[groupLabel(c.group, s, lang), month(c.month, lang)].join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      {next &&
        (more ? (
          <CommentsFrom f={f} before={next} search={search} />
        ) : (
          <button type="button" className="btn" onClick={() => setMore(true)}>
            {s.comments.more}
          </button>
        ))}
    </>
  );
}

export function CommentsPage() {
  const { s } = useLang();
  const f = useFilters();
  const [search, setSearch] = useState('');

  return (
    <div className="page page-comments">
      <h1>{s.comments.title}</h1>
      <FilterBar />
      <Panel
        title={s.comments.title}
        actions={
          <label className="field field-inline">
            <span>{s.comments.search}</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
        }
      >
        <CommentsFrom key={reportPath('comments', f)} f={f} search={search} />
      </Panel>
    </div>
  );
}
