import { useLang } from '../i18n/lang';
import { Link } from '../lib/router';
import { ACCESS, sectionPath, type Section } from '../roles';
import { useUser } from '../session';

/** The sections the signed-in role may use, nothing else. */
export function Nav({ current }: { current: Section | null }) {
  const { s } = useLang();
  const user = useUser();
  return (
    <nav className="side-nav" aria-label={s.app.menu}>
      <ul>
        {ACCESS[user.role].map((section) => (
          <li key={section}>
            <Link
              to={sectionPath(section)}
              className={section === current ? 'nav-link nav-on' : 'nav-link'}
              aria-current={section === current ? 'page' : undefined}
              data-section={section}
            >
              {s.nav[section]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
