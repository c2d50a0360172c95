/**
 * Texts of a questionnaire as plain strings, and plain strings made safe for HTML. Pure: the
 * server (posters, link slips, the citizen page's HTML) and the citizen page both use it.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text (or an attribute's value) with nothing in it that HTML would read as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * A SurveyJS text in one language: a string, or an object of texts per language with `default`
 * and then Uzbek as the fallbacks; '' when there is none.
 */
export function localText(value: unknown, lang: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const texts = value as Record<string, unknown>;
    const text = texts[lang] ?? texts.default ?? texts.uz;
    if (typeof text === 'string') return text;
  }
  return '';
}
