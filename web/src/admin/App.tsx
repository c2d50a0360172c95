/** The admin app: language, session, then the page the address names (or sign-in). */
import { Suspense, useEffect } from 'react';
import { LangProvider } from './i18n/lang';
import { Layout } from './layout/Layout';
import { matchPath, navigate, useLocation } from './lib/router';
import { Message } from './pages/Message';
import { SignInPage } from './pages/SignInPage';
import { canSee, homeOf } from './roles';
import { ROUTES } from './routes';
import { SessionProvider, useSession } from './session';
import { Spinner } from './ui/Spinner';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Pages() {
  const { user, checking } = useSession();
  const { path, href } = useLocation();

  if (checking) return <Spinner block />;
  if (path === '/admin/login') return <SignInPage />;
  if (!user) return <Redirect to={`/admin/login?next=${encodeURIComponent(href)}`} />;
  if (path === '/admin' || path === '/') return <Redirect to={homeOf(user.role)} />;

  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const Page = route.page;
    const allowed = canSee(user.role, route.section);
    const content = allowed ? (
      <Suspense fallback={<Spinner block />}>
        <Page params={params} />
      </Suspense>
    ) : (
      <Message kind="forbidden" />
    );
    return route.bare && allowed ? content : <Layout section={route.section}>{content}</Layout>;
  }
  return (
    <Layout section={null}>
      <Message kind="notFound" />
    </Layout>
  );
}

export function App() {
  return (
    <LangProvider>
      <SessionProvider>
        <Pages />
      </SessionProvider>
    </LangProvider>
  );
}
