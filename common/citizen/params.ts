/** What the page's URL says: `/s/:slug?lang=…&c=…&t=…`. */
import { isLang, type Lang } from '../survey/types';

export interface PageParams {
  /** null when the path is not `/s/:slug`. */
  slug: string | null;
  lang: Lang;
  /** True when the URL names the language (`?lang=`); otherwise the phone's remembered one wins. */
  langGiven: boolean;
  /** Signed context (region, district, provider, channel). */
  c?: string;
  /** One-time service-event token. */
  t?: string;
}

export function parseParams(loc: { pathname: string; search: string }): PageParams {
  const match = /^\/s\/([^/]+)\/?$/.exec(loc.pathname);
  let slug: string | null = null;
  if (match?.[1]) {
    try {
      slug = decodeURIComponent(match[1]);
    } catch {
      slug = null;
    }
  }
  const query = new URLSearchParams(loc.search);
  const lang = query.get('lang');
  const c = query.get('c') || undefined;
  const t = query.get('t') || undefined;
  return {
    slug,
    lang: isLang(lang) ? lang : 'uz',
    langGiven: isLang(lang),
    ...(c ? { c } : {}),
    ...(t ? { t } : {}),
  };
}

/** The current URL with `lang` replaced (other parameters kept). */
export function urlWithLang(href: string, lang: Lang): string {
  const url = new URL(href);
  url.searchParams.set('lang', lang);
  return url.pathname + url.search + url.hash;
}
