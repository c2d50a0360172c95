/**
 * Each driver's performance at state providers against non-state ones, with the interval of the
 * difference.
 */
import type { Comparison } from '../api/types';
import { RangeBar } from '../charts/RangeBar';
import { useLang } from '../i18n/lang';
import { pp, ppRange } from '../lib/format';
import { RateText } from '../ui/RateText';
import { Suppressed } from '../ui/Suppressed';
import { driverName } from './groupLabel';

export function DriverGaps({
  satisfaction,
  drivers,
  k,
}: {
  satisfaction: Comparison;
  drivers: Record<string, Comparison>;
  k: number;
}) {
  const { s, lang } = useLang();
  const rows: Array<[string, Comparison]> = [
    [s.dashboard.satisfaction, satisfaction],
    ...Object.entries(drivers).map(([name, c]): [string, Comparison] => [driverName(name, s), c]),
  ];
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{s.dashboard.state}</th>
            <th scope="col">{s.dashboard.nonState}</th>
            <th scope="col">{s.dashboard.difference}</th>
            <th scope="col" className="col-chart">
              <span className="visually-hidden">95%</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, c]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <RateText row={c.state} k={k} compact />
              </td>
              <td>
                <RateText row={c.nonState} k={k} compact />
              </td>
              <td>
                {c.diff === null ? (
                  <Suppressed k={k} />
                ) : (
                  <span className={c.significant ? 'sig' : 'not-sig'}>
                    {pp(c.diff, lang)} {s.stats.pointsUnit}
                    {c.significant ? ` · ${s.stats.significant}` : ''}
                  </span>
                )}
              </td>
              <td className="col-chart">
                {c.diff !== null && c.ci95 && (
                  <RangeBar
                    value={c.diff}
                    ci={c.ci95}
                    min={-0.4}
                    max={0.4}
                    reference={0}
                    tone={c.significant ? (c.diff < 0 ? 'bad' : 'good') : 'neutral'}
                    label={`${name}: ${pp(c.diff, lang)} ${s.stats.pointsUnit} (${ppRange(c.ci95, lang)})`}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
