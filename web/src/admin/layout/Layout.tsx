import type { ReactNode } from 'react';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import type { Section } from '../roles';
import { useSession, useUser } from '../session';
import { LangSwitcher } from './LangSwitcher';
import { Nav } from './Nav';

/** The signed-in frame: header (who, language, sign out), navigation by role, the page. */
export function Layout({ section, children }: { section: Section | null; children: ReactNode }) {
  const { s } = useLang();
  const user = useUser();
  const { signOut } = useSession();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {s.app.skip}
      </a>
      <header className="top-bar">
        <div className="brand">
          <span className="brand-name">{s.app.title}</span>
          <span className="brand-sub">{s.app.subtitle}</span>
        </div>
        <div className="top-actions">
          <span className="who" data-role={user.role}>
            {fmt(s.app.signedInAs, { user: user.username })} · {s.roles[user.role]}
          </span>
          <LangSwitcher />
          <button type="button" className="btn btn-quiet" onClick={() => void signOut()}>
            {s.app.signOut}
          </button>
        </div>
      </header>
      <div className="body">
        <Nav current={section} />
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
