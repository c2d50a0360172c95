/**
 * Registers Ovoz's Uzbek UI dictionaries with survey-core (which ships none), under the locale
 * codes the questionnaires use: `uz` (Latin script) and `uz-Cyrl` (Cyrillic script).
 * Call once, before the first Model is made; calling again is harmless.
 */
import { setupLocale } from 'survey-core';
import { uzStrings } from './uz';
import { uzCyrlStrings } from './uz-Cyrl';

export function registerUzbekLocales(): void {
  setupLocale({
    localeCode: 'uz',
    strings: uzStrings,
    nativeName: 'Oʻzbekcha',
    englishName: 'Uzbek',
  });
  setupLocale({
    localeCode: 'uz-Cyrl',
    strings: uzCyrlStrings,
    nativeName: 'Ўзбекча',
    englishName: 'Uzbek (Cyrillic)',
  });
}
