import { isLang } from '../../../../common/survey/types';
import { LANGUAGES, useLang } from '../i18n/lang';
import { STRINGS } from '../i18n/strings';

/** The UI language: every language named in itself. */
export function LangSwitcher() {
  const { lang, setLang, s } = useLang();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{s.app.language}</span>
      <select
        value={lang}
        onChange={(e) => {
          if (isLang(e.target.value)) setLang(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {STRINGS[l].langName}
            {l === 'uz-Cyrl' ? ' (Кирилл)' : l === 'uz' ? ' (Lotin)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
