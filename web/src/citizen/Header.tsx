/** The bar above the survey: the large-text switch and the language switcher. */
import { LANGUAGES, type Lang } from '../../../common/survey/types';
import { urlWithLang } from '../../../common/citizen/params';
import { STRINGS, type Strings } from '../../../common/citizen/strings';

export function Header(props: {
  lang: Lang;
  s: Strings;
  onLang: (lang: Lang) => void;
  largeText: boolean;
  onLargeText: (on: boolean) => void;
}) {
  const { s } = props;
  return (
    <header className="bar">
      <div className="bar__inner">
        <button
          type="button"
          className="large-switch"
          aria-pressed={props.largeText}
          onClick={() => props.onLargeText(!props.largeText)}
        >
          <span className="large-switch__icon" aria-hidden="true">
            A<span>A</span>
          </span>
          {s.largeText}
        </button>
        <nav className="langs" aria-label={s.language}>
          {LANGUAGES.map((l) => (
            <a
              key={l}
              href={urlWithLang(window.location.href, l)}
              hrefLang={l}
              lang={l}
              className="lang"
              aria-current={l === props.lang ? 'true' : undefined}
              onClick={(e) => {
                e.preventDefault();
                props.onLang(l);
              }}
            >
              {STRINGS[l].langName}
            </a>
          ))}
        </nav>
      </div>
    </header>
  );
}
