/**
 * "Concentrate here" for every group of the report: the group's rate and its weak, important
 * drivers, lowest rate first.
 */
import type { BottlenecksReport } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { RateText } from '../ui/RateText';
import { Suppressed } from '../ui/Suppressed';
import { driverName, groupLabel } from './groupLabel';

/** Lowest satisfaction first; suppressed and unstated groups last. */
function byRate(a: BottlenecksReport['groups'][number], b: BottlenecksReport['groups'][number]) {
  const key = (g: typeof a) =>
    g.rate === null || Object.values(g.group).includes(null) ? 2 + (g.rate ?? 0) : g.rate;
  return key(a) - key(b);
}

export function ConcentrateByGroup({ report }: { report: BottlenecksReport }) {
  const { s, lang } = useLang();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{s.bottlenecks.group}</th>
            <th scope="col">{s.dashboard.satisfaction}</th>
            <th scope="col">{s.bottlenecks.concentrate}</th>
          </tr>
        </thead>
        <tbody>
          {[...report.groups].sort(byRate).map((g) => {
            const d = g.drivers;
            return (
              <tr key={JSON.stringify(g.group)}>
                <th scope="row">{groupLabel(g.group, s, lang)}</th>
                <td>
                  <RateText row={g} k={report.k} compact />
                </td>
                <td>
                  {d.status === 'suppressed' ? (
                    <Suppressed k={report.k} />
                  ) : d.status === 'insufficient_data' ? (
                    <span className="muted">
                      {fmt(s.bottlenecks.insufficient, { minN: d.minN })}
                    </span>
                  ) : (
                    <span className="chips">
                      {d.drivers
                        .filter((x) => x.quadrant === 'concentrate_here')
                        .sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0))
                        .map((x) => (
                          <span key={x.name} className="chip chip-bad">
                            {driverName(x.name, s)}
                          </span>
                        ))}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
