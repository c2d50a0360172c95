/**
 * The free-text comments browser: comments of the selection, only for groups of at least k
 * responses (the server decides), with phone numbers, e-mails and document numbers masked here
 * as well, whatever the server sent.
 */
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import type { Group } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { maskPersonalData } from '../lib/mask';
import { FilterBar } from '../reports/FilterBar';
import { useFilters } from '../reports/filters';
import { useReport } from '../reports/use-report';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { groupLabel } from './groupLabel';

export interface CommentItem {
  text: string;
  at?: string;
  lang?: string;
  group?: Group;
}

interface CommentsReport {
  k: number;
  comments: CommentItem[];
}

const PAGE = 50;

export function CommentsPage() {
  const { s, lang } = useLang();
  const f = useFilters();
  const report = useReport<CommentsReport>('comments', f);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(PAGE);
  const k = report.data?.k ?? 5;
  const comments = useMemo(() => {
    const list = (report.data?.comments ?? []).map((c) => ({
      ...c,
      text: maskPersonalData(c.text),
    }));
    const needle = search.trim().toLowerCase();
    return needle ? list.filter((c) => c.text.toLowerCase().includes(needle)) : list;
  }, [report.data, search]);
  const missing = report.error instanceof ApiError && report.error.status === 404;

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
        <p className="muted">{fmt(s.comments.intro, { k })}</p>
        {missing ? (
          <Notice kind="warn">{s.comments.missing}</Notice>
        ) : report.error ? (
          <ErrorBox error={report.error} retry={report.reload} />
        ) : !report.data ? (
          <Skeleton lines={6} />
        ) : comments.length === 0 ? (
          <p>{s.comments.none}</p>
        ) : (
          <>
            <ul className="comment-list">
              {comments.slice(0, shown).map((c, i) => (
                <li key={i} lang={c.lang}>
                  <blockquote>{c.text}</blockquote>
                  <span className="muted">
                    {[c.group ? groupLabel(c.group, s, lang) : null, c.at ? date(c.at, lang) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
            {comments.length > shown && (
              <button type="button" className="btn" onClick={() => setShown((n) => n + PAGE)}>
                {s.comments.more}
              </button>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}
