/**
 * A tile's change against the previous comparable period, with its interval (GET
 * /api/reports/findings, `changes`): "▲ +2.1 pts against Sep 2026 · likely −1.0 to +5.2".
 */
import type { Lang } from '../../../../common/survey/types';
import type { TileChange } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { date, month, num } from '../lib/format';

/** A period for people: a whole month by its name, other ranges by their days. */
export function periodLabel(range: { from: string | null; to: string | null }, lang: Lang): string {
  const { from, to } = range;
  if (!from || !to) return '—';
  const whole =
    from.slice(0, 7) === to.slice(0, 7) &&
    from.endsWith('-01') &&
    new Date(`${to}T00:00:00Z`).getUTCDate() ===
      new Date(Date.UTC(+to.slice(0, 4), +to.slice(5, 7), 0)).getUTCDate();
  return whole ? month(from.slice(0, 7), lang) : `${date(from, lang)} – ${date(to, lang)}`;
}

export function ChangeLine({
  change,
  current,
  previous,
  unit,
}: {
  change: TileChange | null | undefined;
  current: { from: string | null; to: string | null } | undefined;
  previous: { from: string | null; to: string | null } | undefined;
  /** `points`: a fraction shown as percentage points; `index`: points of a 0–100 score; `days`. */
  unit: 'points' | 'index' | 'days';
}) {
  const { s, lang } = useLang();
  if (change === undefined || previous === undefined || current === undefined) return null;
  if (change === null) return <div className="kpi-change">{s.findings.noPrevious}</div>;
  const scale = unit === 'points' ? 100 : 1;
  const digits = unit === 'days' ? 0 : 1;
  const value = (x: number) => {
    const v = num(Math.abs(x * scale), lang, digits);
    // What rounds to zero has no sign: "−0.0" would claim a fall.
    return `${/[1-9]/.test(v) ? (x < 0 ? '−' : '+') : ''}${v}`;
  };
  const withUnit = (x: string) =>
    fmt(unit === 'days' ? s.findings.days : s.findings.points, { value: x });
  const shown = value(change.diff);
  const arrow = shown.startsWith('+') ? '▲' : shown.startsWith('−') ? '▼' : '■';
  return (
    <div className={change.significant ? 'kpi-change kpi-change-clear' : 'kpi-change'}>
      <span>
        {arrow}{' '}
        {fmt(s.findings.vsPrevious, {
          change: withUnit(shown),
          current: periodLabel(current, lang),
          previous: periodLabel(previous, lang),
        })}
      </span>{' '}
      <span className="kpi-n">
        {change.ci95
          ? fmt(s.findings.likely, { low: value(change.ci95[0]), high: value(change.ci95[1]) })
          : s.findings.noInterval}
      </span>
    </div>
  );
}
