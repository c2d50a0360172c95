/**
 * An indicator over months or waves — satisfaction unless another is picked: every indicator of
 * the dashboard and the indicators report the survey has — optionally split by sector or region,
 * with the significant changes between consecutive periods marked on the chart and listed beside
 * it. The address keeps the choices (`indicator`, `period`, `split`).
 */
import { useCallback, useMemo } from 'react';
import type { TrendPoint, TrendReport } from '../api/types';
import { MAX_SERIES, TrendChart, type TrendSeries } from '../charts/TrendChart';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { indicatorLabel, lowerIsBetter, unitDiff } from '../charts/indicator-units';
import { month, pp } from '../lib/format';
import { replaceQuery, useLocation } from '../lib/router';
import { FilterBar } from '../reports/FilterBar';
import { useFilters } from '../reports/filters';
import { useReport } from '../reports/use-report';
import { WeightingNote } from '../reports/WeightingNote';
import { ErrorBox } from '../ui/ErrorBox';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { groupLabel } from './groupLabel';

const SPLITS = ['', 'sector', 'region'] as const;

export function TrendPage() {
  const { s, lang } = useLang();
  const f = useFilters();
  const { query } = useLocation();
  const period = query.get('period') === 'wave' ? 'wave' : 'month';
  const split = SPLITS.find((x) => x === query.get('split')) ?? '';
  const groupBy = split ? `${split},${period}` : period;
  const indicator = query.get('indicator') || 'satisfaction';
  const report = useReport<TrendReport>('trend', f, {
    groupBy,
    ...(indicator !== 'satisfaction' ? { indicator } : {}),
  });
  const data = report.data;
  const unit = data?.unit ?? 'share';
  const label = indicatorLabel(indicator, s);
  // The survey's indicators, once known; the one in the address is offered meanwhile.
  const offered = data?.indicators ?? [indicator];

  const periods = useMemo(() => {
    const all = new Set<string>();
    data?.series.forEach((x) => x.points.forEach((p) => p.period && all.add(p.period)));
    return [...all].sort();
  }, [data]);
  const series = useMemo<TrendSeries[]>(
    () =>
      (data?.series ?? []).map((x) => ({
        label: Object.keys(x.group).length ? groupLabel(x.group, s, lang) : label,
        points: x.points,
      })),
    [data, s, lang, label],
  );
  const periodLabel = useCallback(
    (p: string) => (period === 'month' ? month(p, lang) : p),
    [period, lang],
  );
  // Small multiples share one y-axis: a unit without a fixed top (days) reaches the highest end.
  const top = Math.max(
    0,
    ...series.flatMap((x) => x.points.map((p) => Math.max(p.value ?? 0, p.ci95?.[1] ?? 0))),
  );
  /** What every chart of the page shares: its periods and the indicator's axis. */
  const axes = { periods, periodLabel, unit, top, lowerBetter: lowerIsBetter(indicator) };
  const partial = [
    ...new Set(series.flatMap((x) => x.points.filter((p) => p.partial).map((p) => p.period ?? ''))),
  ];
  /** A change in the indicator's unit: percentage points of a share, days, points of an index. */
  const changeText = (change: NonNullable<TrendPoint['change']>, to: string | null) => {
    const periods = { from: periodLabel(change.from ?? ''), to: periodLabel(to ?? '') };
    if (unit === 'share' && change.ci95) {
      return fmt(s.trend.change, {
        ...periods,
        diff: pp(change.diff, lang),
        low: pp(change.ci95[0], lang),
        high: pp(change.ci95[1], lang),
      });
    }
    const diff = unitDiff(unit, change.diff, lang, s);
    if (!change.ci95) return fmt(s.trend.changeNoInterval, { ...periods, diff });
    return fmt(s.trend.changeValue, {
      ...periods,
      diff,
      low: unitDiff(unit, change.ci95[0], lang, s),
      high: unitDiff(unit, change.ci95[1], lang, s),
    });
  };
  const changes = series.flatMap((x) =>
    x.points
      .filter((p) => p.change?.significant)
      .map((p) => ({ series: x.label, point: p, change: p.change! })),
  );

  return (
    <div className="page page-trend">
      <h1>{s.trend.title}</h1>
      <FilterBar />
      {/* Only satisfaction is weighted to the people served. */}
      {indicator === 'satisfaction' && <WeightingNote toggle />}
      <Panel
        title={label}
        actions={
          <>
            <label className="field field-inline">
              <span>{s.trend.indicator}</span>
              <select
                value={indicator}
                onChange={(e) =>
                  replaceQuery({
                    indicator: e.target.value === 'satisfaction' ? null : e.target.value,
                  })
                }
              >
                {offered.map((i) => (
                  <option key={i} value={i}>
                    {indicatorLabel(i, s)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field-inline">
              <span>{s.trend.by}</span>
              <select
                value={period}
                onChange={(e) =>
                  replaceQuery({ period: e.target.value === 'wave' ? 'wave' : null })
                }
              >
                <option value="month">{s.trend.month}</option>
                <option value="wave">{s.trend.wave}</option>
              </select>
            </label>
            <label className="field field-inline">
              <span>{s.trend.split}</span>
              <select
                value={split}
                onChange={(e) => replaceQuery({ split: e.target.value || null })}
              >
                <option value="">{s.trend.none}</option>
                <option value="sector">{s.filters.sector}</option>
                <option value="region">{s.filters.region}</option>
              </select>
            </label>
          </>
        }
      >
        {report.error ? (
          <ErrorBox error={report.error} retry={report.reload} />
        ) : data ? (
          <>
            {series.length <= MAX_SERIES ? (
              <TrendChart series={series} {...axes} title={label} />
            ) : (
              // More series than colours: one small chart each, on the same axes.
              <div className="small-multiples">
                {series.map((x) => (
                  <figure key={x.label}>
                    <figcaption>{x.label}</figcaption>
                    <TrendChart series={[x]} {...axes} title={s.trend.units[unit]} height={180} />
                  </figure>
                ))}
              </div>
            )}
            {partial.length > 0 && (
              <p className="footnote">
                {fmt(s.trend.partial, { periods: partial.map(periodLabel).join(', ') })}
              </p>
            )}
          </>
        ) : (
          <Skeleton height={360} />
        )}
      </Panel>
      <Panel title={s.trend.changes}>
        {!data ? (
          <Skeleton lines={3} />
        ) : changes.length === 0 ? (
          <p>{s.trend.changesNone}</p>
        ) : (
          <ul className="change-list">
            {changes.map(({ series: name, point, change }) => (
              // The colour says good or bad news; the arrow says which way it went.
              <li
                key={`${name}|${point.period}`}
                className={change.diff < 0 !== axes.lowerBetter ? 'down' : 'up'}
              >
                <span aria-hidden="true">{change.diff < 0 ? '▼' : '▲'} </span>
                {series.length > 1 ? `${name}: ` : ''}
                {changeText(change, point.period)}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
