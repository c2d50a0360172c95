/**
 * The no-JavaScript form's HTML: plain documents with no script, one small stylesheet in the page
 * (allowed by its hash, so the page is one request), every questionnaire text escaped, every
 * control labelled, errors next to their questions and listed at the top with links to them.
 * Readable in a text browser (lynx, w3m) as well as on a phone.
 */
import sanitizeHtml from 'sanitize-html';
import type { Question } from 'survey-core';
import { STRINGS } from '../../common/citizen/strings.js';
import { urlWithLang } from '../../common/citizen/params.js';
import { htmlPage, inlineCss, styleOnlyCsp } from '../http/html-page.js';
import { SURVEY_HTML_POLICY } from '../survey/sanitize.js';
import { escapeHtml } from '../../common/survey/text.js';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import { fieldName } from './form.js';
import { BASIC_STRINGS } from './strings.js';
import { commentKey, commentLabel, offeredItems, shownRows } from './survey.js';

const CSS = inlineCss(`
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f6f5}
.bar{background:#0b6e5a;color:#fff;padding:.5rem 1rem}
.bar a{color:#fff;margin-right:.75rem}
.bar a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;line-height:1.3;margin:.25rem 0 .5rem}
h2{font-size:1.125rem;margin:1rem 0 .25rem}
.progress{color:#4a4a4a;margin:0 0 .75rem}
.q{background:#fff;border:1px solid #c9d3cf;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;min-width:0}
.q legend,.q .title{font-weight:600;padding:0;display:block}
.q legend{float:left;width:100%;margin-bottom:.25rem}
.q legend~*{clear:both}
.q fieldset{border:0;border-top:1px solid #e2e8e5;margin:.5rem 0 0;padding:.5rem 0 0;min-width:0}
.q fieldset legend{font-weight:400;margin-bottom:.25rem}
.desc{color:#4a4a4a;margin:.25rem 0 .5rem}
.opt{display:flex;gap:.5rem;align-items:flex-start;padding:.375rem 0}
.opt input{margin:.25rem 0 0;width:1.25rem;height:1.25rem;flex:none}
input[type=text],input[type=number],input[type=email],input[type=tel],input[type=url],input[type=date],select,textarea{display:block;width:100%;font:inherit;padding:.5rem;border:1px solid #6b7a74;border-radius:.375rem;background:#fff;color:inherit}
textarea{min-height:7rem}
label.sub{display:block;margin-top:.5rem}
.err{color:#b00020;font-weight:600;margin:.25rem 0}
.q.invalid{border-color:#b00020;border-width:2px}
.summary{border:2px solid #b00020;background:#fff;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
.summary a{color:#b00020}
.nav{display:flex;flex-direction:row-reverse;justify-content:space-between;gap:1rem;margin:1.5rem 0}
.button{font:inherit;font-weight:600;border-radius:.5rem;padding:.75rem 1.5rem;border:2px solid #0b6e5a;background:#0b6e5a;color:#fff;min-height:3rem}
.button--back{background:#fff;color:#0b6e5a}
.thanks{background:#fff;border-radius:.5rem;padding:1rem;border:1px solid #c9d3cf}
.thanks h2{font-size:1.25rem;margin:0 0 .5rem}
`);

/** The form's Content-Security-Policy: no script at all, only its own stylesheet. */
export const BASIC_CSP = styleOnlyCsp(CSS, [
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
]);

export interface PageFrame {
  lang: Lang;
  /** The document's title. */
  title: string;
  /** The page's address (absolute): its language links keep `c`, `t` and `basic`; null: none. */
  languagesFrom: string | null;
  main: string;
  /** The survey's description, for the document's `<meta name="description">`. */
  description?: string;
  /**
   * The survey's public address in this language (`/s/<slug>?lang=…`): the one search engines
   * list. The plain form itself stays `noindex`, a second way to answer the same page.
   */
  canonical?: string;
}

/** A whole document of the form. */
export function basicDocument(frame: PageFrame): string {
  const s = STRINGS[frame.lang];
  const href = frame.languagesFrom;
  const langs = href
    ? `<nav aria-label="${escapeHtml(s.language)}">` +
      LANGUAGES.map((l) => {
        const current = l === frame.lang ? ' aria-current="true"' : '';
        return `<a href="${escapeHtml(urlWithLang(href, l))}" hreflang="${l}" lang="${l}"${current}>${escapeHtml(STRINGS[l].langName)}</a>`;
      }).join(' ') +
      '</nav>'
    : '';
  return htmlPage({
    lang: frame.lang,
    title: frame.title,
    head:
      '<meta name="robots" content="noindex"><meta name="referrer" content="same-origin">' +
      '<meta name="theme-color" content="#0b6e5a"><link rel="icon" href="data:,">' +
      (frame.description
        ? `<meta name="description" content="${escapeHtml(frame.description)}">`
        : '') +
      (frame.canonical ? `<link rel="canonical" href="${escapeHtml(frame.canonical)}">` : ''),
    css: CSS,
    header: langs || '<span>Ovoz</span>',
    main: frame.main,
  });
}

/** A message page: the survey's title and one or more paragraphs (already escaped HTML). */
export function messageMain(
  title: string,
  paragraphs: string[],
  link?: { href: string; text: string },
) {
  return (
    `<h1>${escapeHtml(title)}</h1>` +
    paragraphs.map((p) => `<p>${p}</p>`).join('') +
    (link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '')
  );
}

/** The thank-you page: the survey's own completion text (cleaned again), or the page's own. */
export function thanksMain(title: string, completedHtml: string, lang: Lang): string {
  const own = completedHtml.trim()
    ? // Its headings one level up: they follow the page's <h1>.
      sanitizeHtml(completedHtml, {
        ...SURVEY_HTML_POLICY,
        allowedTags: [...(SURVEY_HTML_POLICY.allowedTags || []), 'h2'],
        transformTags: { ...SURVEY_HTML_POLICY.transformTags, h3: 'h2', h4: 'h3' },
      })
    : `<p>${escapeHtml(STRINGS[lang].thanks)}</p>`;
  return `<h1>${escapeHtml(title)}</h1><div class="thanks" role="status">${own}</div>`;
}

export interface QuestionView {
  q: Question;
  n: number;
  /** Messages to show next to it. */
  errors: string[];
  value: unknown;
  comment: unknown;
}

const same = (a: unknown, b: unknown) => a !== undefined && a !== null && String(a) === String(b);

function option(
  type: 'radio' | 'checkbox',
  name: string,
  id: string,
  value: unknown,
  label: string,
  checked: boolean,
): string {
  return (
    `<div class="opt"><input type="${type}" name="${escapeHtml(name)}" id="${id}" value="${escapeHtml(String(value))}"${checked ? ' checked' : ''}>` +
    `<label for="${id}">${escapeHtml(label)}</label></div>`
  );
}

/** A title text: survey-core's, with `{name}` piped in, never read as HTML. */
const text = (t: string | undefined) => escapeHtml(t ?? '');

function ratingLabel(q: Question, label: string, index: number, count: number) {
  const any = q as unknown as { minRateDescription?: string; maxRateDescription?: string };
  const end =
    index === 0 ? any.minRateDescription : index === count - 1 ? any.maxRateDescription : '';
  return end ? `${label} — ${end}` : label;
}

/** One question of a step, as form controls with its label, description and messages. */
export function questionHtml(v: QuestionView, lang: Lang): string {
  const { q, n } = v;
  const bs = BASIC_STRINGS[lang];
  const id = `q${n}`;
  const any = q as unknown as Record<string, unknown>;
  const titleText =
    text((q as unknown as { locTitle: { renderedHtml: string } }).locTitle.renderedHtml) +
    (q.isRequired ? ` <span class="req">${escapeHtml(bs.required)}</span>` : '');
  const description = (q as unknown as { locDescription: { renderedHtml: string } }).locDescription
    .renderedHtml;
  const describedBy = [description ? `${id}-d` : '', v.errors.length ? `${id}-e` : '']
    .filter(Boolean)
    .join(' ');
  const aria = describedBy ? ` aria-describedby="${describedBy}"` : '';
  const invalid = v.errors.length ? ' aria-invalid="true"' : '';
  const desc = description ? `<p class="desc" id="${id}-d">${text(description)}</p>` : '';
  const errs = v.errors.length
    ? `<p class="err" id="${id}-e">${v.errors.map(escapeHtml).join(' ')}</p>`
    : '';
  const cls = `q${v.errors.length ? ' invalid' : ''}`;
  const type = q.getType();
  const name = fieldName(n);

  if (type === 'html') {
    const html = String(any.html ?? '');
    return `<div class="q">${sanitizeHtml(html, SURVEY_HTML_POLICY)}</div>`;
  }
  if (type === 'text' || type === 'comment' || type === 'dropdown') {
    const control = `${id}-i`;
    let input: string;
    if (type === 'dropdown') {
      const options = offeredItems(q)
        .map(
          (i) =>
            `<option value="${escapeHtml(String(i.value))}"${same(v.value, i.value) ? ' selected' : ''}>${escapeHtml(i.text)}</option>`,
        )
        .join('');
      input = `<select id="${control}" name="${name}"${aria}${invalid}><option value="">${escapeHtml(bs.choose)}</option>${options}</select>`;
    } else {
      const max = (q as unknown as { getMaxLength(): number | null }).getMaxLength();
      const maxAttr = max ? ` maxlength="${max}"` : '';
      const value = v.value === undefined || v.value === null ? '' : String(v.value);
      if (type === 'comment') {
        input = `<textarea id="${control}" name="${name}" rows="5"${maxAttr}${aria}${invalid}>${escapeHtml(value)}</textarea>`;
      } else {
        const inputType = String(any.inputType ?? 'text');
        const kind = ['number', 'email', 'tel', 'url', 'date'].includes(inputType)
          ? inputType
          : 'text';
        const range = ['min', 'max', 'step']
          .filter((k) => kind === 'number' && typeof any[k] === 'number')
          .map((k) => ` ${k}="${String(any[k])}"`)
          .join('');
        const mode = kind === 'number' ? ' inputmode="numeric"' : '';
        input = `<input type="${kind}" id="${control}" name="${name}" value="${escapeHtml(value)}"${range}${mode}${maxAttr}${aria}${invalid}>`;
      }
    }
    const other = otherHtml(v, lang);
    return `<div class="${cls}" id="${id}"><label class="title" for="${control}">${titleText}</label>${desc}${errs}${input}${other}</div>`;
  }

  let controls: string;
  if (type === 'matrix') {
    const columns = offeredItems(q);
    const cells = (v.value && typeof v.value === 'object' ? v.value : {}) as Record<
      string,
      unknown
    >;
    controls = shownRows(q)
      .map((row) => {
        const rowName = fieldName(n, row.index);
        const rowId = `${id}-${row.index}`;
        return (
          `<fieldset><legend>${escapeHtml(row.text)}</legend>` +
          columns
            .map((col, ci) =>
              option(
                'radio',
                rowName,
                `${rowId}-${ci}`,
                col.value,
                col.text,
                same(cells[String(row.value)], col.value),
              ),
            )
            .join('') +
          '</fieldset>'
        );
      })
      .join('');
  } else {
    const multiple = type === 'checkbox' || type === 'tagbox';
    const items = offeredItems(q);
    const chosen = multiple && Array.isArray(v.value) ? (v.value as unknown[]) : [v.value];
    controls = items
      .map((item, i) =>
        option(
          multiple ? 'checkbox' : 'radio',
          name,
          `${id}-${i}`,
          item.value,
          type === 'rating' ? ratingLabel(q, item.text, i, items.length) : item.text,
          chosen.some((c) => same(c, item.value)),
        ),
      )
      .join('');
  }
  return (
    `<fieldset class="${cls}" id="${id}"${aria}><legend>${titleText}</legend>${desc}${errs}` +
    `${controls}${otherHtml(v, lang)}</fieldset>`
  );
}

/** The text box of an "other" answer, when the question offers one. */
function otherHtml(v: QuestionView, lang: Lang): string {
  if (!commentKey(v.q)) return '';
  const id = `q${v.n}-o`;
  const value = typeof v.comment === 'string' ? v.comment : '';
  return (
    `<label class="sub" for="${id}">${escapeHtml(commentLabel(v.q) ?? BASIC_STRINGS[lang].otherAnswer)}</label>` +
    `<input type="text" id="${id}" name="${fieldName(v.n, 'other')}" value="${escapeHtml(value)}">`
  );
}

export interface StepView {
  lang: Lang;
  surveyTitle: string;
  /** The survey's description, on the first step only. */
  description: string;
  pageTitle: string;
  pageDescription: string;
  /** 1-based place among the steps shown, and how many are shown. */
  place: number;
  count: number;
  questions: QuestionView[];
  /** A message above the form (escaped HTML) besides the per-question ones. */
  notice: string;
  action: string;
  hidden: Record<string, string>;
  last: boolean;
  first: boolean;
}

/** The `<main>` of one step. */
export function stepMain(v: StepView): string {
  const s = STRINGS[v.lang];
  const bs = BASIC_STRINGS[v.lang];
  const wrong = v.questions.filter((q) => q.errors.length);
  const summary =
    wrong.length || v.notice
      ? '<div class="summary" role="alert">' +
        (v.notice ? `<p>${v.notice}</p>` : '') +
        (wrong.length
          ? `<p>${escapeHtml(s.invalid)}</p><ul>` +
            wrong
              .map(
                (q) =>
                  `<li><a href="#q${q.n}">${text((q.q as unknown as { locTitle: { renderedHtml: string } }).locTitle.renderedHtml)}</a></li>`,
              )
              .join('') +
            '</ul>'
          : '') +
        '</div>'
      : '';
  const hidden = Object.entries(v.hidden)
    .map(([k, val]) => `<input type="hidden" name="${k}" value="${escapeHtml(val)}">`)
    .join('');
  const back = v.first
    ? ''
    : `<button type="submit" name="nav" value="back" class="button button--back">${escapeHtml(bs.back)}</button>`;
  return (
    `<h1>${escapeHtml(v.surveyTitle)}</h1>` +
    (v.description ? `<p class="desc">${escapeHtml(v.description)}</p>` : '') +
    (v.pageTitle ? `<h2>${escapeHtml(v.pageTitle)}</h2>` : '') +
    (v.pageDescription ? `<p class="desc">${escapeHtml(v.pageDescription)}</p>` : '') +
    `<p class="progress">${escapeHtml(bs.step(v.place, v.count))}</p>` +
    summary +
    `<form method="post" action="${escapeHtml(v.action)}" accept-charset="utf-8" novalidate>${hidden}` +
    v.questions.map((q) => questionHtml(q, v.lang)).join('') +
    // The first button is the one Enter presses: forward, then back.
    `<div class="nav"><button type="submit" name="nav" value="next" class="button">${escapeHtml(v.last ? bs.send : bs.next)}</button>${back}</div>` +
    '</form>'
  );
}
