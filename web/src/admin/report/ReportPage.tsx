/** One A4 page of the printed report: one region (or all), its numbers, chart and drivers. */
import type { GroupDrivers, IndicatorRow, RateRow, SystemicGroup } from '../api/types';
import type { ReactNode } from 'react';
import { IpaScatter, type IpaAxes } from '../charts/IpaScatter';
import { driverName } from '../dashboard/groupLabel';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { num, pct, pp } from '../lib/format';
import { Notice } from '../ui/Notice';
import { RateText } from '../ui/RateText';
import { Suppressed } from '../ui/Suppressed';
import { DriverTable } from './DriverTable';

export function ReportPage({
  title,
  row,
  indicators,
  drivers,
  below,
  k,
  axes,
  children,
}: {
  title: string;
  row: RateRow;
  indicators: IndicatorRow | undefined;
  drivers: GroupDrivers;
  below: SystemicGroup | undefined;
  k: number;
  /** The axes every page of the report shares. */
  axes?: IpaAxes;
  /** More of the page under the drivers (trend, comments). */
  children?: ReactNode;
}) {
  const { s, lang } = useLang();
  const focus =
    drivers.status === 'ok'
      ? drivers.drivers
          .filter((d) => d.quadrant === 'concentrate_here')
          .sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0))
      : [];
  return (
    <section className="report-page">
      <h2>{title}</h2>
      <dl className="report-facts">
        <div>
          <dt>{s.report.satisfaction}</dt>
          <dd>
            <RateText row={row} k={k} />
            {row.nEff != null && row.designEffect != null && (
              <small className="muted" style={{ display: 'block' }}>
                {fmt(s.weights.effective, {
                  nEff: num(row.nEff, lang, 1),
                  deff: num(row.designEffect, lang, 2),
                })}
              </small>
            )}
          </dd>
        </div>
        <div>
          <dt>{s.report.kpi}</dt>
          <dd>
            {indicators?.kpi.index == null ? s.stats.noData : num(indicators.kpi.index, lang, 1)}
          </dd>
        </div>
        {indicators?.trust && (
          <div>
            <dt>{s.dashboard.trust}</dt>
            <dd>
              <RateText row={indicators.trust} k={k} compact />
            </dd>
          </div>
        )}
        {indicators?.deliveryTime && (
          <div>
            <dt>{s.dashboard.delivery}</dt>
            <dd>
              {indicators.deliveryTime.suppressed ? (
                <Suppressed k={k} />
              ) : indicators.deliveryTime.median === null ? (
                s.stats.noData
              ) : (
                fmt(s.dashboard.deliveryValue, {
                  median: num(indicators.deliveryTime.median, lang),
                  p90: num(indicators.deliveryTime.p90 ?? 0, lang),
                })
              )}
            </dd>
          </div>
        )}
        {indicators?.affordability && (
          <div>
            <dt>{s.dashboard.affordability}</dt>
            <dd>
              {indicators.affordability.suppressed ? (
                <Suppressed k={k} />
              ) : indicators.affordability.index === null ? (
                s.stats.noData
              ) : (
                pct(indicators.affordability.index, lang)
              )}
            </dd>
          </div>
        )}
      </dl>
      {below && (
        <p className="report-alert">{fmt(s.report.belowOverall, { gap: pp(below.gap, lang) })}</p>
      )}
      {drivers.status === 'suppressed' ? (
        <p>
          <Suppressed k={k} />
        </p>
      ) : drivers.status === 'insufficient_data' ? (
        <Notice>{fmt(s.bottlenecks.insufficient, { minN: drivers.minN })}</Notice>
      ) : (
        <>
          <h3>{s.report.concentrate}</h3>
          <p className="report-focus">
            {focus.length
              ? focus.map((d) => driverName(d.name, s)).join(', ')
              : s.bottlenecks.concentrateNone}
          </p>
          <div className="report-chart">
            <IpaScatter
              drivers={drivers.drivers}
              meanImportance={drivers.meanImportance ?? 0}
              meanPerformance={drivers.meanPerformance}
              height={300}
              axes={axes}
            />
          </div>
          <DriverTable drivers={drivers.drivers} />
        </>
      )}
      {children}
    </section>
  );
}
