/**
 * Who is signed in. Asks /api/auth/me once; sign-in and sign-out go through /api/auth. When any
 * request answers 401 the session has ended: the user goes back to sign-in with a message and,
 * after signing in again, to where they were.
 */
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ApiError, onSessionExpired, request } from './api/client';
import type { User } from './api/types';
import { navigate } from './lib/router';

export type SignInNotice = 'expired' | 'signedOut' | null;

interface SessionState {
  user: User | null;
  /** True until /api/auth/me has answered. */
  checking: boolean;
  notice: SignInNotice;
  signIn(username: string, password: string): Promise<User>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

const LOGIN = '/admin/login';

function toSignIn() {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === LOGIN) return;
  navigate(`${LOGIN}?next=${encodeURIComponent(here)}`, { replace: true });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  const [notice, setNotice] = useState<SignInNotice>(null);
  const userRef = useRef<User | null>(null);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  useEffect(() => {
    request<{ user: User }>('/api/auth/me').then(
      (r) => {
        setUser(r.user);
        setChecking(false);
      },
      (e: unknown) => {
        // 401 is the ordinary "not signed in"; the expiry listener below is not yet relevant.
        if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
        setChecking(false);
      },
    );
  }, []);

  useEffect(
    () =>
      onSessionExpired(() => {
        if (userRef.current) setNotice('expired');
        setUser(null);
        toSignIn();
      }),
    [],
  );

  const value = useMemo<SessionState>(
    () => ({
      user,
      checking,
      notice,
      async signIn(username, password) {
        const r = await request<{ user: User }>('/api/auth/login', {
          method: 'POST',
          json: { username, password },
        });
        setNotice(null);
        setUser(r.user);
        return r.user;
      },
      async signOut() {
        try {
          await request('/api/auth/logout', { method: 'POST' });
        } catch {
          // already signed out
        }
        setUser(null);
        setNotice('signedOut');
        navigate(LOGIN);
      },
    }),
    [user, checking, notice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only for pages rendered inside the signed-in layout. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a user');
  return user;
}
