/**
 * Numbers as people read them. Reports send unrounded fractions; rounding happens here only, on
 * screen: a percent with one decimal, an interval as two percents, a difference in percentage
 * points with its sign.
 */
import type { Lang } from '../../../../common/survey/types';
import { LOCALE } from '../i18n/lang';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALE[lang], options)));
  return f;
}

/** 0.30796 → "30.8%". */
export function pct(value: number, lang: Lang): string {
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** [0.2553, 0.3662] → "25.5–36.6%" (the unit once, after the high end). */
export function pctRange(ci: readonly [number, number], lang: Lang): string {
  const one = numberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${one.format(ci[0] * 100)}–${pct(ci[1], lang)}`;
}

/** A difference of two fractions in percentage points, signed: −4.2, +3.0. */
export function pp(diff: number, lang: Lang): string {
  return numberFormat(lang, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(diff * 100);
}

export function num(value: number, lang: Lang, digits = 0): string {
  return numberFormat(lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** An ISO date or timestamp as a short local date (and time when asked). */
export function date(iso: string, lang: Lang, withTime = false): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(LOCALE[lang], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}

/** "2026-10" → "Oct 2026". */
export function month(ym: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, 1);
  return d.toLocaleString(LOCALE[lang], { year: 'numeric', month: 'short' });
}

/** The interval of a difference in percentage points: "−8.0 … +2.0". */
export function ppRange(ci: readonly [number, number], lang: Lang): string {
  return `${pp(ci[0], lang)} … ${pp(ci[1], lang)}`;
}
