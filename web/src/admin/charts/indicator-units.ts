/**
 * How a trend's indicator reads (GET /api/reports/trend, `indicator` and `unit`): its name in the
 * reader's language, a value and a change in its unit — a share as a percent and its change in
 * points, an NPS on −100…100, delivery time in days, the KPI index on 0–100 — and the y-axis a
 * chart of it uses.
 */
import type { Lang } from '../../../../common/survey/types';
import type { TrendReport } from '../api/types';
import { driverName } from '../dashboard/groupLabel';
import { fmt, type Strings } from '../i18n/strings';
import { num, pct } from '../lib/format';

export type TrendUnit = TrendReport['unit'];

/** The indicator's name: "Trust rate", "Driver: Timeliness (share agreeing)". */
export function indicatorLabel(indicator: string, s: Strings): string {
  if (indicator.startsWith('driver:')) {
    return fmt(s.trend.driver, { driver: driverName(indicator.slice('driver:'.length), s) });
  }
  return s.trend.indicators[indicator as keyof Strings['trend']['indicators']] ?? indicator;
}

/** A value in its unit: "53.1%", "+12", "4 days", "65.1". */
export function unitValue(unit: TrendUnit, v: number, lang: Lang, s: Strings): string {
  switch (unit) {
    case 'share':
      return pct(v, lang);
    case 'nps':
      return num(v * 100, lang, 1);
    case 'days':
      return fmt(s.stats.days, { n: num(v, lang, 1) });
    case 'index':
      return num(v, lang, 1);
  }
}

/** A signed change in its unit ("+2.1 pts", "−3 days"); what rounds to zero has no sign. */
export function unitDiff(unit: TrendUnit, d: number, lang: Lang, s: Strings): string {
  const scale = unit === 'share' || unit === 'nps' ? 100 : 1;
  const v = num(Math.abs(d * scale), lang, 1);
  const signed = `${/[1-9]/.test(v) ? (d < 0 ? '−' : '+') : ''}${v}`;
  return fmt(unit === 'days' ? s.findings.days : s.findings.points, { value: signed });
}

/** The y-axis of a chart of the unit: fixed ends where the scale has them. */
export function unitAxis(
  unit: TrendUnit,
  lang: Lang,
): { min?: number; max?: number; tick: (v: number) => string } {
  switch (unit) {
    case 'share':
      return { min: 0, max: 1, tick: (v) => pct(v, lang) };
    case 'nps':
      return { min: -1, max: 1, tick: (v) => num(v * 100, lang) };
    case 'days':
      return { min: 0, tick: (v) => num(v, lang) };
    case 'index':
      return { min: 0, max: 100, tick: (v) => num(v, lang) };
  }
}

/** Indicators where a fall is the good news (fewer days, fewer informal payments). */
export const lowerIsBetter = (indicator: string): boolean =>
  indicator === 'deliveryTime' || indicator === 'informalRate';
