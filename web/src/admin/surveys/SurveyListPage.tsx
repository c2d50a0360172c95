/** Every survey with its status, versions and responses; a way into the designer. */
import type { SurveySummary } from '../api/surveys';
import { useApi } from '../api/use-api';
import { useLang } from '../i18n/lang';
import { date, num } from '../lib/format';
import { localText } from '../lib/local-text';
import { Link } from '../lib/router';
import { ErrorBox } from '../ui/ErrorBox';
import { Skeleton } from '../ui/Skeleton';
import { StatusBadge } from './StatusBadge';

export function SurveyListPage() {
  const { s, lang } = useLang();
  const { data, error, reload } = useApi<{ surveys: SurveySummary[] }>('/api/admin/surveys');
  return (
    <div className="page">
      <div className="page-head">
        <h1>{s.surveys.title}</h1>
        <Link className="btn btn-primary" to="/admin/surveys/new">
          {s.surveys.new}
        </Link>
      </div>
      {error ? (
        <ErrorBox error={error} retry={reload} />
      ) : !data ? (
        <Skeleton lines={5} />
      ) : data.surveys.length === 0 ? (
        <p>{s.surveys.empty}</p>
      ) : (
        <div className="table-scroll panel">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{s.surveys.name}</th>
                <th scope="col">{s.surveys.slug}</th>
                <th scope="col">{s.surveys.status}</th>
                <th scope="col">{s.surveys.versions}</th>
                <th scope="col">{s.surveys.updated}</th>
                <th scope="col">n</th>
              </tr>
            </thead>
            <tbody>
              {data.surveys.map((x) => {
                const last = x.versions.at(-1);
                return (
                  <tr key={x.slug} data-slug={x.slug}>
                    <th scope="row">
                      <Link to={`/admin/surveys/${encodeURIComponent(x.slug)}`}>
                        {localText(x.title, lang) || x.slug}
                      </Link>
                    </th>
                    <td>
                      <code>{x.slug}</code>
                    </td>
                    <td>
                      <StatusBadge status={x.status} />
                    </td>
                    <td>{x.latestVersion ?? '—'}</td>
                    <td>{last ? date(last.createdAt, lang, true) : '—'}</td>
                    <td>{x.responses === undefined ? '—' : num(x.responses, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
