/** A SurveyJS localisable text in the chosen language (Uzbek Latin, then any, as fallback). */
import type { Lang } from '../../../../common/survey/types';

export function localText(value: unknown, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const pick =
      v[lang] ?? v.default ?? v.uz ?? Object.values(v).find((x) => typeof x === 'string');
    return typeof pick === 'string' ? pick : '';
  }
  return '';
}
