/** Localisable SurveyJS texts read for the codebook: a string, or `{ default?, uz, ru, … }`. Pure. */
import { LANGUAGES, type Lang } from '../../common/survey/types.js';

export type Texts = Record<Lang, string>;

export function textIn(value: unknown, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value === null || typeof value !== 'object') return '';
  const t = value as Record<string, unknown>;
  for (const key of [lang, 'default', 'uz', 'en', 'ru']) {
    const v = t[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return '';
}

export function texts(value: unknown, fallback = ''): Texts {
  const out = {} as Texts;
  for (const lang of LANGUAGES) out[lang] = textIn(value, lang) || fallback;
  return out;
}

/** The same words in every language (a code, a number). */
export function same(text: string): Texts {
  return { uz: text, 'uz-Cyrl': text, ru: text, en: text };
}

/** `a — b` in every language. */
export function joined(a: Texts, b: Texts): Texts {
  const out = {} as Texts;
  for (const lang of LANGUAGES)
    out[lang] = a[lang] && b[lang] ? `${a[lang]} — ${b[lang]}` : a[lang] || b[lang];
  return out;
}

/** Value labels `1=…; 2=…` in every language. */
export function labels(items: readonly { value: string; text: Texts }[]): Texts {
  const out = {} as Texts;
  for (const lang of LANGUAGES)
    out[lang] = items.map((i) => `${i.value}=${i.text[lang] || i.value}`).join('; ');
  return out;
}
