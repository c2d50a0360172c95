/**
 * The free-text comments browser (GET /api/reports/comments): the comments of the selection,
 * newest first, a page at a time, only when the selection has at least k responses (the server
 * decides), with phone numbers, e-mails and document numbers masked by the server and here again.
 * Beside each comment: its provider's name (when the provider has k responses), the respondent's
 * satisfaction score and the drivers they rated lowest; the comments can be narrowed by language,
 * lowest-rated driver and score (kept in the address: `language`, `driver`, `score`).
 */
import { useMemo, useState } from 'react';
import { LANGUAGES } from '../../../../common/survey/types';
import type { CommentItem, CommentsReport } from '../api/types';
import type { ApiState } from '../api/use-api';
import { fmt, STRINGS, type Strings } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { month } from '../lib/format';
import { replaceQuery, useLocation } from '../lib/router';
import { maskPersonalData } from '../lib/mask';
import { FilterBar } from '../reports/FilterBar';
import { reportPath, useFilters, type Filters, type ReportExtra } from '../reports/filters';
import { useRegistry } from '../reference/use-registry';
import { useReport } from '../reports/use-report';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { driverName, groupLabel } from './groupLabel';

const PAGE = '50';

/** The narrowing of the comments by what the respondent said, from the address. */
type Match = Pick<ReportExtra, 'lang' | 'driver' | 'score'>;

function useMatch(): Match {
  const { query } = useLocation();
  const pick = (name: string) => query.get(name) || undefined;
  return { lang: pick('language'), driver: pick('driver'), score: pick('score') };
}

/** One page of comments and, on request, the next one after it. */
function CommentsFrom({
  f,
  match,
  before,
  search,
}: {
  f: Filters;
  match: Match;
  before?: string;
  search: string;
}) {
  const { s } = useLang();
  const report = useReport<CommentsReport>('comments', f, { limit: PAGE, before, ...match });
  return (
    <>
      {!before && <p className="muted">{fmt(s.comments.intro, { k: report.data?.k ?? 5 })}</p>}
      <PageBody report={report} f={f} match={match} before={before} search={search} />
    </>
  );
}

/** "satisfaction 2/5 · rated lowest: timeliness (1/5)". */
function scoresText(c: CommentItem, s: Strings): string {
  const parts: string[] = [];
  if (c.satisfaction !== null) parts.push(fmt(s.comments.scoreOf, { score: c.satisfaction }));
  if (c.lowest.length && c.lowestScore !== null) {
    parts.push(
      fmt(s.comments.lowest, {
        drivers: c.lowest.map((d) => driverName(d, s).toLocaleLowerCase()).join(', '),
        score: c.lowestScore,
      }),
    );
  } else if (c.satisfaction !== null) parts.push(s.comments.evenly);
  return parts.join(' · ');
}

function PageBody({
  report,
  f,
  match,
  before,
  search,
}: {
  report: ApiState<CommentsReport>;
  f: Filters;
  match: Match;
  before?: string;
  search: string;
}) {
  const { s, lang } = useLang();
  const { registry } = useRegistry();
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
            <span className="comment-scores">{scoresText(c, s)}</span>
            <span className="muted">
              {[groupLabel(c.group, s, lang, registry), month(c.month, lang)].join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      {next &&
        (more ? (
          <CommentsFrom f={f} match={match} before={next} search={search} />
        ) : (
          <button type="button" className="btn" onClick={() => setMore(true)}>
            {s.comments.more}
          </button>
        ))}
    </>
  );
}

/** One narrowing choice kept in the address under `name`. */
function Choice({
  label,
  name,
  value,
  any,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  any: string;
  options: { value: string; text: string; lang?: string }[];
}) {
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <select
        value={value ?? ''}
        onChange={(e) => replaceQuery({ [name]: e.target.value || null })}
      >
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Language, lowest-rated driver and score. */
function MatchFields({ match }: { match: Match }) {
  const { s } = useLang();
  return (
    <>
      <Choice
        label={s.comments.language}
        name="language"
        value={match.lang}
        any={s.app.all}
        options={LANGUAGES.map((l) => ({ value: l, text: STRINGS[l].langName, lang: l }))}
      />
      <Choice
        label={s.comments.driver}
        name="driver"
        value={match.driver}
        any={s.app.all}
        options={Object.keys(s.drivers).map((d) => ({ value: d, text: driverName(d, s) }))}
      />
      <Choice
        label={s.comments.score}
        name="score"
        value={match.score}
        any={s.comments.anyScore}
        options={['1', '2', '3', '4', '5'].map((v) => ({ value: v, text: `${v}/5` }))}
      />
    </>
  );
}

export function CommentsPage() {
  const { s } = useLang();
  const f = useFilters();
  const match = useMatch();
  const [search, setSearch] = useState('');

  return (
    <div className="page page-comments">
      <h1>{s.comments.title}</h1>
      <FilterBar />
      <Panel
        title={s.comments.title}
        actions={
          <>
            <MatchFields match={match} />
            <label className="field field-inline">
              <span>{s.comments.search}</span>
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
          </>
        }
      >
        <CommentsFrom key={reportPath('comments', f, match)} f={f} match={match} search={search} />
      </Panel>
    </div>
  );
}
