/**
 * The citizen page's first script, small so that a slow phone runs it soon. The server's HTML
 * already shows the welcome screen (welcome.ts); this wires it up: the language switcher (drawn
 * again in place, remembered on the phone), the large-text switch and Start. Once the screen has
 * painted, the survey (survey-app.tsx: React and survey-core, the heavy part) and its questions
 * start downloading, so they are usually there by the time the citizen taps Start; they run only
 * then (from the touch on Start), which keeps the welcome screen responsive while it is read. A
 * citizen with a half-answered survey or answers waiting to be sent goes straight on.
 */
import { isLang, type Lang } from '../../../common/survey/types';
import { ApiError, fetchSurvey, type PublicSurvey } from './api';
import { loadDraft } from './draft';
import { keepPageForOffline, lazyAssets } from './offline';
import { loadPending } from './outbox';
import { parseParams, urlWithLang } from '../../../common/citizen/params';
import {
  applyLargeText,
  rememberedLang,
  rememberedLargeText,
  rememberLang,
  rememberLargeText,
} from './prefs';
import { STRINGS } from '../../../common/citizen/strings';
import { parseWelcome, WELCOME_DATA_ID, welcomeHtml } from '../../../common/citizen/welcome';

type SurveyApp = typeof import('./survey-app');

let largeText = rememberedLargeText();
applyLargeText(largeText);

const root = document.getElementById('root');
const params = parseParams(window.location);
let lang: Lang = params.langGiven ? params.lang : (rememberedLang() ?? params.lang);
const welcome = params.slug
  ? parseWelcome(document.getElementById(WELCOME_DATA_ID)?.textContent, params.slug)
  : null;
let welcomePage = welcome ? (root?.querySelector<HTMLElement>('.page--welcome') ?? null) : null;

/** The survey's files are in the phone's HTTP cache (or failed): the worker may keep them. */
let assetsSettled: () => void = () => undefined;
keepPageForOffline(new Promise<void>((resolve) => (assetsSettled = resolve)));

let app: Promise<SurveyApp> | null = null;
function loadApp(): Promise<SurveyApp> {
  if (!app) {
    app = import('./survey-app');
    app.then(assetsSettled, () => (app = null));
  }
  return app;
}

/** The questionnaire, asked for once the welcome screen is up; null when that failed. */
let survey: Promise<PublicSurvey> | null = null;
let started = false;

function status(): HTMLElement | null {
  return welcomePage?.querySelector<HTMLElement>('.welcome__status') ?? null;
}

function showBusy(): void {
  welcomePage?.querySelector('.welcome__start')?.setAttribute('aria-disabled', 'true');
  const el = status();
  if (!el) return;
  const spinner = document.createElement('span');
  spinner.className = 'spinner';
  spinner.setAttribute('aria-hidden', 'true');
  el.replaceChildren(spinner, ` ${STRINGS[lang].loading}`);
}

/** The survey's code could not be fetched (no connection): try again when there is one. */
function showOffline(): void {
  welcomePage?.querySelector('.welcome__start')?.removeAttribute('aria-disabled');
  status()?.replaceChildren(STRINGS[lang].offline);
  window.addEventListener('online', () => start(true), { once: true });
}

/**
 * Runs the survey: in place of the welcome screen once it has something to show. `tapped`: the
 * citizen asked for it (Start), so the focus goes to the first question's page.
 */
function start(tapped = false): void {
  if (started || !root) return;
  started = true;
  showBusy();
  loadApp().then(
    ({ mountApp }) => {
      const page = welcomePage;
      if (!page) {
        mountApp(root, { lang });
        return;
      }
      // Drawn beside the welcome screen, which stays until the survey (or a message) replaces it
      // in one frame: no blank page, no "loading" flash, nothing shifting.
      const host = document.createElement('div');
      root.append(host);
      mountApp(host, {
        lang,
        ...(survey ? { initialSurvey: survey } : {}),
        focusFirstPage: tapped,
        onShown: () => {
          page.remove();
          welcomePage = null;
        },
      });
    },
    () => {
      started = false;
      showOffline();
    },
  );
}

/** The welcome screen again in another language, with the focus where it was. */
function switchTo(next: Lang, focusLink: boolean): void {
  if (!welcome || !welcomePage) return;
  lang = next;
  window.history.replaceState(window.history.state, '', urlWithLang(window.location.href, next));
  document.documentElement.lang = next;
  document.title = welcome.title[next] || 'Ovoz';
  const template = document.createElement('template');
  template.innerHTML = welcomeHtml(welcome, next, window.location.href, largeText);
  const page = template.content.firstElementChild as HTMLElement;
  welcomePage.replaceWith(page);
  welcomePage = page;
  if (started) showBusy();
  if (focusLink) page.querySelector<HTMLElement>(`a.lang[hreflang="${next}"]`)?.focus();
}

/** Once the welcome screen is on the glass: download the survey, ask for the questions. */
function prepare(): void {
  const assets = lazyAssets();
  const loads = assets.map(
    (href) =>
      new Promise<void>((resolve) => {
        const link = document.createElement('link');
        if (href.endsWith('.css')) {
          link.rel = 'preload';
          link.as = 'style';
        } else {
          link.rel = 'modulepreload';
        }
        link.href = href;
        link.onload = link.onerror = () => resolve();
        document.head.append(link);
      }),
  );
  void Promise.all(loads).then(assetsSettled);
  if (!params.slug || survey) return;
  const asked = fetchSurvey(params.slug, params);
  survey = asked;
  asked.catch((err: unknown) => {
    // A closed survey or a used link: say so now rather than after Start.
    if (err instanceof ApiError) start();
    else if (survey === asked) survey = null; // asked again after Start
  });
}

function afterFirstPaint(run: () => void): void {
  const go = () => requestAnimationFrame(() => setTimeout(run, 0));
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}

function wireWelcome(): void {
  root?.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target || !welcomePage?.contains(target)) return;
    const link = target.closest('a.lang');
    const next = link?.getAttribute('hreflang');
    if (link && isLang(next)) {
      e.preventDefault();
      rememberLang(next);
      switchTo(next, true);
      return;
    }
    const button = target.closest('.large-switch');
    if (button) {
      largeText = !largeText;
      rememberLargeText(largeText);
      applyLargeText(largeText);
      button.setAttribute('aria-pressed', String(largeText));
    }
  });
  // A finger on Start, or the keyboard's focus on it: the survey's code starts running now rather
  // than at the click, a moment later. Not earlier: on a cheap phone it holds the page up for
  // about a second, during which a tap on the language switcher would wait.
  const warmUp = (e: Event) => {
    if (e.target instanceof Element && e.target.closest('.welcome__start')) {
      void loadApp().catch(() => undefined);
    }
  };
  root?.addEventListener('pointerdown', warmUp);
  root?.addEventListener('focusin', warmUp);
  root?.addEventListener('submit', (e) => {
    if (!(e.target instanceof Element) || !welcomePage?.contains(e.target)) return;
    e.preventDefault();
    start(true);
  });
}

// The Start form's own parameter (it works before this script has run): not kept in the address.
const startAsked = new URLSearchParams(window.location.search).has('start');
if (startAsked) {
  const url = new URL(window.location.href);
  url.searchParams.delete('start');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

if (welcome && welcomePage) {
  wireWelcome();
  if (welcomePage.dataset.lang !== lang) switchTo(lang, false);
  else if (largeText)
    welcomePage.querySelector('.large-switch')?.setAttribute('aria-pressed', 'true');
}
const slug = params.slug;
if (startAsked) start(true);
else if (!welcome || !welcomePage || (slug && (loadPending(slug) || loadDraft(slug, params)))) {
  start();
} else {
  afterFirstPaint(prepare);
}
