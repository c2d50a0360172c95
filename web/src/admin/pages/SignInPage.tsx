import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { LangSwitcher } from '../layout/LangSwitcher';
import { navigate, useLocation } from '../lib/router';
import { homeOf } from '../roles';
import { useSession } from '../session';
import { Notice } from '../ui/Notice';

/** Only a path inside the admin app is followed after sign-in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/admin/') && !next.startsWith('/admin/login') ? next : null;
}

export function SignInPage() {
  const { s } = useLang();
  const { user, signIn, notice } = useSession();
  const { query } = useLocation();
  const next = safeNext(query.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (user) navigate(next ?? homeOf(user.role), { replace: true });
  }, [user, next]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        setError(fmt(s.signIn.throttled, { seconds: err.retryAfter ?? 60 }));
      } else if (err instanceof ApiError && err.status === 401) setError(s.signIn.bad);
      else setError(fmt(s.app.error, { message: (err as Error).message }));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-lang">
        <LangSwitcher />
      </div>
      <form className="sign-in-card" onSubmit={(e) => void submit(e)}>
        <h1>{s.signIn.title}</h1>
        {notice === 'expired' && <Notice kind="warn">{s.signIn.expired}</Notice>}
        {notice === 'signedOut' && <Notice kind="ok">{s.signIn.signedOut}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <label className="field">
          <span>{s.signIn.username}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{s.signIn.password}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? s.signIn.working : s.signIn.submit}
        </button>
      </form>
    </main>
  );
}
