/**
 * The citizen survey page's HTML: the built page (`dist/web/citizen.html`) with the welcome screen
 * of the survey filled in, in the citizen's language, so a phone paints real content before any
 * script has arrived. The page marks where it goes (`<!--ovoz:page-->…<!--/ovoz:page-->`); a page
 * without the marks is sent as it is. With scripts off, the welcome links to the plain HTML form
 * of the survey (server/routes/basic.ts).
 */
import { escapeHtml } from '../../common/survey/text.js';
import type { Lang } from '../../common/survey/types.js';
import { welcomeDataHtml, welcomeHtml, type Welcome } from '../../common/citizen/welcome.js';

const PAGE = /<!--ovoz:page-->[\s\S]*?<!--\/ovoz:page-->/;
/** The built page's own <noscript> (for a survey it knows nothing about): the welcome has its own. */
const NOSCRIPT = /<!--ovoz:noscript-->[\s\S]*?<!--\/ovoz:noscript-->/;

/**
 * `template` with `welcome` (null: the survey is not open, the script says why) in `lang`.
 * `href`: the page's absolute address (its `c` and `t` go into the links and the Start form).
 */
export function citizenPage(
  template: string,
  welcome: Welcome | null,
  lang: Lang,
  href: string,
): string {
  if (!welcome || !PAGE.test(template)) return template;
  const title = escapeHtml(welcome.title[lang] || 'Ovoz');
  return template
    .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`)
    .replace(NOSCRIPT, '')
    .replace(PAGE, () => welcomeHtml(welcome, lang, href))
    .replace('</body>', () => `${welcomeDataHtml(welcome)}</body>`);
}
