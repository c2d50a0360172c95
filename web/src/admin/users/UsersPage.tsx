/** Users and roles (admin): the list, and a form to add one (POST /api/admin/users). */
import { useState } from 'react';
import { ApiError, request } from '../api/client';
import type { User } from '../api/types';
import { useApi } from '../api/use-api';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { regionName } from '../reference/regions';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { UserForm, type NewUser } from './UserForm';

export function UsersPage() {
  const { s, lang } = useLang();
  const list = useApi<{ users: Array<User & { createdAt: string }> }>('/api/admin/users');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const add = async (u: NewUser) => {
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const r = await request<{ user: User }>('/api/admin/users', { method: 'POST', json: u });
      setCreated(r.user.username);
      setFormKey((k) => k + 1);
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <h1>{s.users.title}</h1>
      <div className="grid-users">
        <Panel title={s.users.title}>
          {list.error ? (
            <ErrorBox error={list.error} retry={list.reload} />
          ) : !list.data ? (
            <Skeleton lines={4} />
          ) : (
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{s.users.username}</th>
                    <th scope="col">{s.users.role}</th>
                    <th scope="col">{s.users.regions}</th>
                    <th scope="col">{s.users.created}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.users.map((u) => (
                    <tr key={u.username} data-username={u.username}>
                      <th scope="row">{u.username}</th>
                      <td>{s.roles[u.role]}</td>
                      <td>
                        {u.regions === null
                          ? s.users.allRegions
                          : u.regions.map((r) => regionName(r, lang)).join(', ')}
                      </td>
                      <td>{date(u.createdAt, lang, true)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
        <Panel title={s.users.addTitle}>
          {created && <Notice kind="ok">{fmt(s.users.done, { user: created })}</Notice>}
          {error && <ErrorBox error={error} />}
          <UserForm key={formKey} busy={busy} onSubmit={(u) => void add(u)} />
        </Panel>
      </div>
    </div>
  );
}
