/** The chosen UI language, kept in localStorage, and the texts for it. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isLang, LANGUAGES, type Lang } from '../../../../common/survey/types';
import { STRINGS, type Strings } from './strings';

const KEY = 'ovoz.admin.lang';

/** BCP 47 tags for Intl and the `lang` attribute. */
export const LOCALE: Readonly<Record<Lang, string>> = {
  uz: 'uz-Latn',
  'uz-Cyrl': 'uz-Cyrl',
  ru: 'ru',
  en: 'en-GB',
};

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (isLang(saved)) return saved;
  } catch {
    // storage unavailable: fall through
  }
  const nav = typeof navigator === 'undefined' ? 'en' : navigator.language.toLowerCase();
  if (nav.startsWith('ru')) return 'ru';
  if (nav.startsWith('en')) return 'en';
  return 'uz';
}

interface LangState {
  lang: Lang;
  s: Strings;
  setLang(lang: Lang): void;
}

const LangContext = createContext<LangState | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = LOCALE[lang];
  }, [lang]);
  const value = useMemo<LangState>(
    () => ({
      lang,
      s: STRINGS[lang],
      setLang(next) {
        setLangState(next);
        try {
          localStorage.setItem(KEY, next);
        } catch {
          // not kept: fine
        }
      },
    }),
    [lang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  const state = useContext(LangContext);
  if (!state) throw new Error('useLang outside LangProvider');
  return state;
}

export { LANGUAGES };
