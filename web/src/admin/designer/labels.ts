/**
 * Names of survey-core properties and of their values in the UI's language. Uzbek Cyrillic is
 * derived from Uzbek Latin like every other admin text. Values that are codes (currencies,
 * autocomplete tokens, numbers) are shown as they are.
 */
import type { Lang } from '../../../../common/survey/types';
import { toCyrillic } from '../i18n/strings';
import { ENUM_LABELS, PROP_LABELS } from './label-table';
import { humanize } from './model/properties';

type Triple = readonly [en: string, ru: string, uz: string];

function pick(t: Triple, lang: Lang): string {
  if (lang === 'en') return t[0];
  if (lang === 'ru') return t[1];
  return lang === 'uz' ? t[2] : toCyrillic(t[2]);
}

export function propLabel(name: string, lang: Lang): string {
  const t = (PROP_LABELS as Record<string, Triple | undefined>)[name];
  return t ? pick(t, lang) : humanize(name);
}

export function enumLabel(value: unknown, lang: Lang): string {
  const key = String(value);
  const t = (ENUM_LABELS as Record<string, Triple | undefined>)[key];
  if (t) return pick(t, lang);
  return key;
}

/** True when a property has a name written for people in every language. */
export const hasPropLabel = (name: string) => name in PROP_LABELS;
