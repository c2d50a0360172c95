/** A group's drivers as a table: importance, performance with its interval, quadrant. */
import type { DriverResult } from '../api/types';
import { driverName } from '../dashboard/groupLabel';
import { useLang } from '../i18n/lang';
import { fmt } from '../i18n/strings';
import { pct, pctRange } from '../lib/format';

export function DriverTable({ drivers }: { drivers: DriverResult[] }) {
  const { s, lang } = useLang();
  const sorted = [...drivers].sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0));
  return (
    <table className="data-table report-table">
      <thead>
        <tr>
          <th scope="col">{s.report.driver}</th>
          <th scope="col">{s.report.importance}</th>
          <th scope="col">{s.report.performance}</th>
          <th scope="col">{s.report.quadrant}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((d) => (
          <tr key={d.name} className={d.quadrant === 'concentrate_here' ? 'row-bad' : undefined}>
            <th scope="row">{driverName(d.name, s)}</th>
            <td>
              {d.importanceShare === null
                ? s.bottlenecks.importanceZero
                : fmt(s.bottlenecks.importanceValue, { share: pct(d.importanceShare, lang) })}
            </td>
            <td>
              {pct(d.performance.rate, lang)} [{pctRange(d.performance.ci95, lang)}]
            </td>
            <td>
              <span className={`q-dot q-${d.quadrant}`} aria-hidden="true" />{' '}
              {s.quadrants[d.quadrant]}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
