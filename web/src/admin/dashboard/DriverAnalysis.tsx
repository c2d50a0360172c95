/**
 * One group's driver analysis: the importance–performance chart and the drivers to concentrate on,
 * or why there is none (suppressed group, too few answers).
 */
import type { GroupDrivers } from '../api/types';
import { IpaScatter } from '../charts/IpaScatter';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { pct, pctRange } from '../lib/format';
import { Notice } from '../ui/Notice';
import { Suppressed } from '../ui/Suppressed';
import { driverName } from './groupLabel';

export function DriverAnalysis({ drivers, k }: { drivers: GroupDrivers; k: number }) {
  const { s, lang } = useLang();
  if (drivers.status === 'suppressed') return <Suppressed k={k} />;
  if (drivers.status === 'insufficient_data') {
    return <Notice kind="info">{fmt(s.bottlenecks.insufficient, { minN: drivers.minN })}</Notice>;
  }
  const focus = drivers.drivers
    .filter((d) => d.quadrant === 'concentrate_here')
    .sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0));
  return (
    <div className="driver-analysis">
      <div className="driver-chart">
        <IpaScatter
          drivers={drivers.drivers}
          meanImportance={drivers.meanImportance ?? 0}
          meanPerformance={drivers.meanPerformance}
        />
      </div>
      <aside className="concentrate" aria-labelledby="concentrate-title">
        <h3 id="concentrate-title">{s.bottlenecks.concentrate}</h3>
        {focus.length === 0 ? (
          <p>{s.bottlenecks.concentrateNone}</p>
        ) : (
          <ol>
            {focus.map((d) => (
              <li key={d.name}>
                <strong>{driverName(d.name, s)}</strong>
                <span>
                  {pct(d.performance.rate, lang)} [{pctRange(d.performance.ci95, lang)}] ·{' '}
                  {d.importanceShare === null
                    ? s.bottlenecks.importanceZero
                    : fmt(s.bottlenecks.importanceValue, { share: pct(d.importanceShare, lang) })}
                </span>
              </li>
            ))}
          </ol>
        )}
        <ul className="quadrant-legend">
          {drivers.drivers.map((d) => (
            <li key={d.name} data-quadrant={d.quadrant}>
              <span className={`q-dot q-${d.quadrant}`} aria-hidden="true" />
              {driverName(d.name, s)}: {s.quadrants[d.quadrant]}
              {d.importanceReason !== null ? ` (${s.bottlenecks.importanceZero})` : ''}
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
