import { localText } from '../../../../common/survey/text';
import type { Lang } from '../../../../common/survey/types';

/** A survey text in `lang`, falling back to Uzbek (as the canvas labels cards). */
export function textOf(value: unknown, lang: Lang): string {
  const own = localText(value, lang);
  return own || localText(value, 'uz');
}
