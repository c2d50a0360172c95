/** A new user: name, password, role, and for a manager the regions they may see. */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { newUserSchema } from '../../../../server/auth/accounts';
import type { Role } from '../api/types';
import { useLang } from '../i18n/lang';
import { REGIONS } from '../reference/regions';

/** What POST /api/admin/users takes. */
export type NewUser = z.input<typeof newUserSchema>;

const ROLES: Role[] = ['admin', 'sociologist', 'manager'];

export function UserForm({ busy, onSubmit }: { busy: boolean; onSubmit(u: NewUser): void }) {
  const { s, lang } = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('manager');
  const [regions, setRegions] = useState<string[]>([]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      username: username.trim().toLowerCase(),
      password,
      role,
      ...(role === 'manager' ? { regions } : {}),
    });
  };
  const toggle = (code: string) =>
    setRegions((r) => (r.includes(code) ? r.filter((x) => x !== code) : [...r, code]));

  return (
    <form className="user-form" onSubmit={submit}>
      <label className="field">
        <span>{s.users.username}</span>
        <input
          name="new-username"
          required
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{s.users.password}</span>
        <input
          name="new-password"
          type="password"
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{s.users.role}</span>
        <select name="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {s.roles[r]}
            </option>
          ))}
        </select>
      </label>
      {role === 'manager' && (
        <fieldset className="region-picks">
          <legend>{s.users.regions}</legend>
          <p className="muted small">{s.users.regionsHint}</p>
          {REGIONS.map((r) => (
            <label key={r.code} className="check">
              <input
                type="checkbox"
                value={r.code}
                checked={regions.includes(r.code)}
                onChange={() => toggle(r.code)}
              />{' '}
              {r.names[lang]}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {s.users.add}
      </button>
    </form>
  );
}
