/**
 * The welcome screen: the survey's title and description, how long it takes, that it is
 * anonymous, the language switcher and a Start button. It is in the HTML the server sends
 * (server/routes/citizen-page.ts), so a phone paints it before any script has arrived; the page's
 * boot script (main.ts) draws it again in another language when the citizen switches. Pure: no
 * DOM, HTML as text with every questionnaire text escaped.
 */
import { escapeHtml, localText } from '../survey/text';
import { LANGUAGES, type Lang, type SurveyJson } from '../survey/types';
import { urlWithLang } from './params';
import type { Strings } from './strings';
import { STRINGS } from './strings';

/** What the welcome screen says about a survey, in every language. */
export interface Welcome {
  slug: string;
  /** About how long answering takes, in whole minutes (at least 1). */
  minutes: number;
  title: Record<Lang, string>;
  description: Record<Lang, string>;
  /**
   * Where the service was received, when the link fixes it (a poster's QR code): the provider's
   * and the district's names, so the citizen knows what they are rating.
   */
  place?: { provider?: Record<Lang, string>; district?: Record<Lang, string> };
}

/** The id of the welcome's data block (JSON, not script) in the page. */
export const WELCOME_DATA_ID = 'ovoz-welcome';

/** Seconds a citizen takes over one element, roughly; panels count their contents. */
function secondsFor(element: unknown): number {
  if (!element || typeof element !== 'object') return 0;
  const e = element as Record<string, unknown>;
  if (e.visible === false) return 0;
  const inside = (key: string) =>
    Array.isArray(e[key])
      ? (e[key] as unknown[]).reduce<number>((t, x) => t + secondsFor(x), 0)
      : 0;
  switch (e.type) {
    case 'panel':
      return inside('elements');
    case 'paneldynamic':
      return inside('templateElements');
    case 'html':
    case 'image':
    case 'expression':
      return 0;
    case 'matrix':
      return 6 * (Array.isArray(e.rows) ? e.rows.length : 1);
    case 'matrixdropdown':
    case 'matrixdynamic':
      return 8 * (Array.isArray(e.rows) ? e.rows.length : 1);
    case 'text':
      return 15;
    case 'comment':
      return 30;
    case 'checkbox':
    case 'tagbox':
    case 'ranking':
      return 12;
    default:
      return 8;
  }
}

/** About how long the survey takes, in whole minutes (at least 1). */
export function estimateMinutes(json: SurveyJson): number {
  const pages = Array.isArray(json.pages) ? json.pages : [];
  let seconds = 0;
  for (const page of pages) {
    if (page && typeof page === 'object') seconds += secondsFor({ ...page, type: 'panel' });
  }
  return Math.max(1, Math.round(seconds / 60));
}

const perLang = (value: unknown): Record<Lang, string> =>
  Object.fromEntries(LANGUAGES.map((l) => [l, localText(value, l)])) as Record<Lang, string>;

export function welcomeOf(slug: string, json: SurveyJson): Welcome {
  return {
    slug,
    minutes: estimateMinutes(json),
    title: perLang(json.title),
    description: perLang(json.description),
  };
}

/** The bar above the page; the same markup as Header.tsx draws once the survey runs. */
export function headerHtml(s: Strings, lang: Lang, href: string, largeText: boolean): string {
  const links = LANGUAGES.map((l) => {
    const current = l === lang ? ' aria-current="true"' : '';
    const url = escapeHtml(urlWithLang(href, l));
    return `<a href="${url}" hreflang="${l}" lang="${l}" class="lang"${current}>${escapeHtml(STRINGS[l].langName)}</a>`;
  }).join('');
  return (
    '<header class="bar"><div class="bar__inner">' +
    `<button type="button" class="large-switch" aria-pressed="${largeText}">` +
    '<span class="large-switch__icon" aria-hidden="true">A<span>A</span></span>' +
    `${escapeHtml(s.largeText)}</button>` +
    `<nav class="langs" aria-label="${escapeHtml(s.language)}">${links}</nav>` +
    '</div></header>'
  );
}

/**
 * The whole welcome page (header and main) in one language. `href`: the page's address, absolute;
 * the language links and the Start form keep its `c` and `t`, so both work before any script.
 */
export function welcomeHtml(w: Welcome, lang: Lang, href: string, largeText = false): string {
  const s = STRINGS[lang];
  const url = new URL(href);
  const hidden = [
    ['lang', lang],
    ...(['c', 't'] as const).flatMap((k) => {
      const v = url.searchParams.get(k);
      return v ? [[k, v]] : [];
    }),
    ['start', '1'],
  ]
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v ?? '')}">`)
    .join('');
  const description = w.description[lang];
  return (
    `<div class="page page--welcome" data-slug="${escapeHtml(w.slug)}" data-lang="${lang}">` +
    headerHtml(s, lang, href, largeText) +
    '<main class="main"><div class="welcome">' +
    `<h1 class="title welcome__title">${escapeHtml(w.title[lang] || s.survey)}</h1>` +
    placeHtml(w, lang, s) +
    (description ? `<p class="welcome__description">${escapeHtml(description)}</p>` : '') +
    '<ul class="welcome__facts">' +
    `<li class="welcome__fact welcome__fact--time">${escapeHtml(s.minutes(w.minutes))}</li>` +
    `<li class="welcome__fact welcome__fact--anonymous">${escapeHtml(s.anonymous)}</li>` +
    `<li class="welcome__fact welcome__fact--kept">${escapeHtml(s.keptOnPhone)}</li>` +
    '</ul>' +
    `<form class="welcome__form" method="get" action="${escapeHtml(url.pathname)}">${hidden}` +
    `<button type="submit" class="button welcome__start">${escapeHtml(s.start)}</button></form>` +
    `<noscript><p class="welcome__basic"><a href="${escapeHtml(basicUrl(href, lang))}">${escapeHtml(s.basicForm)}</a></p></noscript>` +
    '<p class="welcome__status" role="status"></p>' +
    '</div></main></div>'
  );
}

/** "You are rating: Centre «Inson», Samarkand city", when the link names the place. */
function placeHtml(w: Welcome, lang: Lang, s: Strings): string {
  const provider = w.place?.provider?.[lang];
  const district = w.place?.district?.[lang];
  const name = provider || district;
  if (!name) return '';
  const where =
    provider && district ? ` <span class="welcome__district">${escapeHtml(district)}</span>` : '';
  return (
    `<p class="welcome__place"><span class="welcome__place-label">${escapeHtml(s.ratingFor)}</span> ` +
    `<strong class="welcome__provider">${escapeHtml(name)}</strong>${where}</p>`
  );
}

/**
 * The same survey as a plain HTML form, for a browser that runs no script (server/routes/basic.ts):
 * `href` with `basic=1` and the language, its `c` and `t` kept, the Start form's mark dropped.
 */
export function basicUrl(href: string, lang: Lang): string {
  const url = new URL(urlWithLang(href, lang), 'http://x');
  url.searchParams.delete('start');
  url.searchParams.set('basic', '1');
  return url.pathname + url.search;
}

/** The welcome's data for the boot script, as a JSON data block (never run as script). */
export function welcomeDataHtml(w: Welcome): string {
  // `<` escaped, so no text in it can close the element.
  const json = JSON.stringify(w).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${WELCOME_DATA_ID}">${json}</script>`;
}

/** The data block's welcome, or null when it is missing or not for this survey. */
export function parseWelcome(text: string | null | undefined, slug: string): Welcome | null {
  if (!text) return null;
  try {
    const w = JSON.parse(text) as Partial<Welcome> | null;
    if (!w || w.slug !== slug || typeof w.minutes !== 'number') return null;
    if (!w.title || typeof w.title !== 'object') return null;
    if (!w.description || typeof w.description !== 'object') return null;
    return w as Welcome;
  } catch {
    return null;
  }
}
