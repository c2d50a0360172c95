/**
 * What a questionnaire lacks per language: every localisable text (titles, descriptions, choice
 * and row texts, rating labels, HTML) without a text in a language. Uzbek Cyrillic may be derived
 * from Uzbek Latin by transliteration, so its gaps are listed apart; a plain string is one text
 * for every language ("not localised"). Pure.
 */
import { LANGUAGES, type Lang } from '../../../../server/survey/types';

const TEXT_KEYS = new Set([
  'title',
  'description',
  'text',
  'html',
  'completedHtml',
  'completedBeforeHtml',
  'loadingHtml',
  'placeholder',
  'minRateDescription',
  'maxRateDescription',
  'noneText',
  'otherText',
  'otherPlaceholder',
  'commentText',
  'requiredErrorText',
  'labelTrue',
  'labelFalse',
  'completeText',
  'pageNextText',
  'pagePrevText',
  'startSurveyText',
  'navigationTitle',
  'navigationDescription',
  'selectAllText',
]);

export interface TextGap {
  path: string;
  /** The Uzbek (or any) text, to recognise the string. */
  sample: string;
}

export interface TranslationReport {
  missing: Record<Lang, TextGap[]>;
  /** Texts with Uzbek Latin and no Cyrillic of their own (derived). */
  derived: TextGap[];
  /** Plain strings: the same text for every language. */
  plain: TextGap[];
  total: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';

export function translationReport(json: unknown): TranslationReport {
  const report: TranslationReport = {
    missing: { uz: [], 'uz-Cyrl': [], ru: [], en: [] },
    derived: [],
    plain: [],
    total: 0,
  };
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (TEXT_KEYS.has(key) && typeof v === 'string') {
        report.total++;
        report.plain.push({ path: at, sample: v });
      } else if (TEXT_KEYS.has(key) && isRecord(v)) {
        report.total++;
        const sample = [v.uz, v.default, v.ru, v.en].find(filled);
        const gap = { path: at, sample: typeof sample === 'string' ? sample : '' };
        // `default` is the default locale's text, and Ovoz's default locale is Uzbek Latin.
        const uz = filled(v.uz) || filled(v.default);
        for (const lang of LANGUAGES) {
          if (filled(v[lang]) || (lang === 'uz' && uz)) continue;
          if (lang === 'uz-Cyrl' && uz) report.derived.push(gap);
          else report.missing[lang].push(gap);
        }
      } else visit(v, at);
    }
  };
  visit(json, '');
  return report;
}
