/** The audit log (admin), newest first, a page at a time (GET /api/admin/audit?before=…). */
import { useEffect, useState } from 'react';
import { request, withQuery } from '../api/client';
import type { AuditEntry, AuditPage as Page } from '../api/types';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { ErrorBox } from '../ui/ErrorBox';
import { Panel } from '../ui/Panel';
import { Spinner } from '../ui/Spinner';

export function AuditPage() {
  const { s, lang } = useLang();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const [before, setBefore] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    request<Page>(withQuery('/api/admin/audit', { limit: 50, before })).then(
      (page) => {
        if (!live) return;
        setEntries((e) => (before === null ? page.entries : [...e, ...page.entries]));
        setNext(page.next);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e as Error);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [before]);

  return (
    <div className="page">
      <h1>{s.audit.title}</h1>
      <Panel>
        {error && <ErrorBox error={error} />}
        {!loading && entries.length === 0 && !error && <p>{s.audit.empty}</p>}
        {entries.length > 0 && (
          <div className="table-scroll">
            <table className="data-table compact audit-table">
              <thead>
                <tr>
                  <th scope="col">{s.audit.at}</th>
                  <th scope="col">{s.audit.who}</th>
                  <th scope="col">{s.audit.action}</th>
                  <th scope="col">{s.audit.target}</th>
                  <th scope="col">{s.audit.details}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} data-action={e.action}>
                    <td>{date(e.at, lang, true)}</td>
                    <td>{e.username}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>{e.target ?? '—'}</td>
                    <td className="audit-details">{e.details ? JSON.stringify(e.details) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {loading && <Spinner />}
        {next && !loading && (
          <button type="button" className="btn" onClick={() => setBefore(next)}>
            {s.audit.older}
          </button>
        )}
      </Panel>
    </div>
  );
}
