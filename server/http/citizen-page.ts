/**
 * The citizen survey page's HTML: the built page (`dist/web/citizen.html`) with the welcome screen
 * of the survey filled in, in the citizen's language, so a phone paints real content before any
 * script has arrived. The page marks where it goes (`<!--ovoz:page-->…<!--/ovoz:page-->`); a page
 * without the marks is sent as it is. With scripts off, the welcome links to the plain HTML form
 * of the survey (server/routes/basic.ts).
 *
 * A survey's public address (`/s/<slug>`, `?lang=` for each language) is something a citizen may
 * find through a search engine, so its page says what it is in its own language (title, meta
 * description, `lang`), names the same page in the other languages (`hreflang`) and its canonical
 * address. An address with a one-time token (`t`) is a secret: `noindex`, canonical to the public
 * address. A poster's signed context (`c`) is not secret but is the same questionnaire: canonical
 * to the public address too. The built page says `noindex` until a survey fills it (an unknown or
 * closed survey is nothing to find).
 */
import { escapeHtml } from '../../common/survey/text.js';
import { isLang, LANGUAGES, type Lang } from '../../common/survey/types.js';
import { STRINGS } from '../../common/citizen/strings.js';
import { welcomeDataHtml, welcomeHtml, type Welcome } from '../../common/citizen/welcome.js';

const PAGE = /<!--ovoz:page-->[\s\S]*?<!--\/ovoz:page-->/;
/** The built page's own <noscript> (for a survey it knows nothing about): the welcome has its own. */
const NOSCRIPT = /<!--ovoz:noscript-->[\s\S]*?<!--\/ovoz:noscript-->/;
const ROBOTS = /<meta name="robots" content="[^"]*"\s*\/?>/;

/** True when the address carries a one-time token: a secret, never to be indexed. */
export function isPrivateLink(href: string): boolean {
  return new URL(href).searchParams.has('t');
}

/**
 * The survey's public address in `lang` (no language: the address that lets the phone choose),
 * under `origin` (the server's public URL).
 */
export function publicSurveyUrl(origin: string, slug: string, lang?: Lang): string {
  const base = `${origin.replace(/\/+$/, '')}/s/${encodeURIComponent(slug)}`;
  return lang ? `${base}?lang=${encodeURIComponent(lang)}` : base;
}

/**
 * What search engines read in the page's head: its description in `lang`, its canonical (public)
 * address, the same page in the four languages and the address without one; `noindex` for a link
 * with a one-time token.
 */
export function searchHead(w: Welcome, lang: Lang, href: string, origin: string): string {
  const s = STRINGS[lang];
  const given = new URL(href).searchParams.get('lang');
  const description =
    w.description[lang] || `${w.title[lang] || s.survey}. ${s.minutes(w.minutes)}. ${s.anonymous}`;
  const link = (rel: string, url: string, hreflang?: string) =>
    `<link rel="${rel}"${hreflang ? ` hreflang="${hreflang}"` : ''} href="${escapeHtml(url)}">`;
  return (
    (isPrivateLink(href) ? '<meta name="robots" content="noindex">' : '') +
    `<meta name="description" content="${escapeHtml(description)}">` +
    link('canonical', publicSurveyUrl(origin, w.slug, isLang(given) ? given : undefined)) +
    LANGUAGES.map((l) => link('alternate', publicSurveyUrl(origin, w.slug, l), l)).join('') +
    link('alternate', publicSurveyUrl(origin, w.slug), 'x-default')
  );
}

/**
 * `template` with `welcome` (null: the survey is not open, the script says why) in `lang`.
 * `href`: the page's absolute address (its `c` and `t` go into the links and the Start form);
 * `origin`: the server's public URL, for the canonical and alternate addresses (by default
 * `href`'s origin).
 */
export function citizenPage(
  template: string,
  welcome: Welcome | null,
  lang: Lang,
  href: string,
  origin: string = new URL(href).origin,
): string {
  if (!welcome || !PAGE.test(template)) return template;
  const title = escapeHtml(welcome.title[lang] || 'Ovoz');
  return template
    .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`)
    .replace(ROBOTS, '')
    .replace('</head>', () => `${searchHead(welcome, lang, href, origin)}</head>`)
    .replace(NOSCRIPT, '')
    .replace(PAGE, () => welcomeHtml(welcome, lang, href))
    .replace('</body>', () => `${welcomeDataHtml(welcome)}</body>`);
}
