/**
 * Which translations are outdated or await review. For each text key and language: the Uzbek
 * source text the translation was made from, and whether it was transliterated by the machine
 * and not yet reviewed. A translation whose source differs from today's Uzbek text is outdated.
 * Kept with each saved version. Pure.
 */
import {
  surveyTexts,
  sourceText,
  textIn,
  type SurveyText,
} from '../../../../../common/survey/texts';
import type { Lang, SurveyJson } from '../../../../../common/survey/types';

export interface CellState {
  source?: string;
  review?: boolean;
}
export type TranslationState = Record<string, Partial<Record<Lang, CellState>>>;

export const TARGETS: Lang[] = ['uz-Cyrl', 'ru', 'en'];

export function isOutdated(state: TranslationState, t: SurveyText, lang: Lang): boolean {
  if (lang === 'uz' || textIn(t, lang) === undefined) return false;
  const source = state[t.key]?.[lang]?.source;
  return source !== undefined && source !== sourceText(t);
}

export const needsReview = (state: TranslationState, key: string, lang: Lang) =>
  state[key]?.[lang]?.review === true;

/** After an edit: translations whose Uzbek source changed keep the old source (so they show outdated). */
export function noteSourceChanges(
  state: TranslationState,
  before: SurveyJson,
  after: SurveyJson,
): TranslationState {
  if (before === after) return state;
  const old = new Map(surveyTexts(before).map((t) => [t.key, t]));
  let next = state;
  for (const t of surveyTexts(after)) {
    const prev = old.get(t.key);
    if (!prev || sourceText(prev) === sourceText(t) || sourceText(prev) === '') continue;
    for (const lang of TARGETS) {
      if (textIn(t, lang) === undefined || next[t.key]?.[lang]?.source !== undefined) continue;
      next = {
        ...next,
        [t.key]: { ...next[t.key], [lang]: { ...next[t.key]?.[lang], source: sourceText(prev) } },
      };
    }
  }
  return next;
}

/** A translation written (or reviewed) now, from today's source. */
export function noteTranslated(
  state: TranslationState,
  t: SurveyText,
  lang: Lang,
  review = false,
): TranslationState {
  const cell: CellState = { source: sourceText(t) };
  if (review) cell.review = true;
  return { ...state, [t.key]: { ...state[t.key], [lang]: cell } };
}

export function parseState(value: unknown): TranslationState {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as TranslationState)
    : {};
}
