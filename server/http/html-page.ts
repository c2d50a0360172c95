/**
 * The shell of the server's plain HTML pages (the no-JavaScript form, the open-data page): a
 * document with no script and one small stylesheet in the page, allowed by its hash, so the page
 * is one request and its Content-Security-Policy allows nothing else.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../../common/survey/text.js';
import type { Lang } from '../../common/survey/types.js';

/** A stylesheet written readably, as the page carries it: trimmed, on one line. */
export const inlineCss = (css: string): string => css.trim().replace(/\n/g, '');

/**
 * The Content-Security-Policy of a page whose one stylesheet is `css`: nothing by default, that
 * stylesheet by its hash, then `directives` in order.
 */
export function styleOnlyCsp(css: string, directives: readonly string[]): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`,
    ...directives,
  ].join('; ');
}

export interface HtmlPage {
  lang: Lang;
  /** The document's title (escaped here). */
  title: string;
  /** Further elements of the head (already escaped HTML). */
  head?: string;
  css: string;
  /** The header bar's content and the main content (already escaped HTML). */
  header: string;
  main: string;
}

/** A whole document: the head with its stylesheet, a header bar and the main content. */
export function htmlPage(page: HtmlPage): string {
  return (
    `<!doctype html><html lang="${page.lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    (page.head ?? '') +
    `<title>${escapeHtml(page.title)}</title><style>${page.css}</style></head><body>` +
    `<header class="bar">${page.header}</header><main>${page.main}</main></body></html>`
  );
}
