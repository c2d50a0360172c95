/**
 * A citizen without JavaScript, over plain HTTP: reads the no-JavaScript form's hidden fields and
 * controls from its HTML and posts it back as a browser would (application/x-www-form-urlencoded).
 */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
export const unescapeHtml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** The form's hidden fields. */
export function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    out[m[1]!] = unescapeHtml(m[2]!);
  }
  return out;
}

/** The names of the form's visible controls, in order, each once. */
export function controlNames(html: string): string[] {
  const names = [
    ...html.matchAll(/<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*name="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(names)];
}

/** The step's `<h2>` (its page's title). */
export const pageTitle = (html: string) => unescapeHtml(/<h2>([^<]*)<\/h2>/.exec(html)?.[1] ?? '');

/** The body of a POST of `html`'s form with `fields` filled in and the button `nav` pressed. */
export function formBody(
  html: string,
  fields: Record<string, string | string[]>,
  nav: 'next' | 'back' = 'next',
): string {
  const body = new URLSearchParams(hiddenFields(html));
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  body.append('nav', nav);
  return body.toString();
}

export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded' };
