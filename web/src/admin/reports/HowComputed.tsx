/**
 * "How this is computed" (shared/METRICS.md, "Uncertainty and tests"): for each figure of the
 * dashboard, in plain words, what it counts, how many answers it stands on, how its uncertainty
 * is worked out, what it is tested against and how many tests are allowed for. Folded by default:
 * the headline shows words ("±4 points, from 820 answers"), the methods live here. docs/indicators.md.
 */
import type { IndicatorRow, ReportEcho } from '../api/types';
import { useLang } from '../i18n/lang';
import { fmt } from '../i18n/strings';
import { num } from '../lib/format';

type Figure =
  | 'rates'
  | 'delivery'
  | 'affordability'
  | 'nps'
  | 'kpi'
  | 'drivers'
  | 'groups'
  | 'stateVsNonState'
  | 'trend';

const FIGURES: readonly Figure[] = [
  'rates',
  'delivery',
  'affordability',
  'nps',
  'kpi',
  'drivers',
  'groups',
  'stateVsNonState',
  'trend',
];

/** The answers a figure of the overall row stands on; null where it has no single n. */
function answersOf(row: IndicatorRow | undefined, figure: Figure): number | null {
  if (!row) return null;
  switch (figure) {
    case 'rates':
    case 'kpi':
      return row.satisfaction.n;
    case 'delivery':
      return row.deliveryTime?.n ?? null;
    case 'affordability':
      return row.affordability?.n ?? null;
    case 'nps':
      return row.nps?.n ?? null;
    default:
      return null;
  }
}

export function HowComputed({
  report,
}: {
  report: (ReportEcho & { overall?: IndicatorRow }) | undefined;
}) {
  const { s, lang } = useLang();
  const h = s.howComputed;
  const figures = FIGURES.filter((f) => f !== 'nps' || report?.overall?.nps);
  return (
    <details className="how-computed panel">
      <summary>{h.title}</summary>
      <p>{h.intro}</p>
      {report?.figures === 'perturbed' ? <p>{h.protected}</p> : null}
      <div className="table-scroll">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{h.figure}</th>
              <th scope="col">{h.counts}</th>
              <th scope="col">{h.answers}</th>
              <th scope="col">{h.uncertainty}</th>
              <th scope="col">{h.test}</th>
              <th scope="col">{h.correction}</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => {
              const item = h.items[f];
              const n = answersOf(report?.overall, f);
              return (
                <tr key={f}>
                  <th scope="row">{item.name}</th>
                  <td>{item.counts}</td>
                  <td>{n === null ? h.noSingleN : fmt(h.nAnswers, { n: num(n, lang) })}</td>
                  <td>{item.uncertainty}</td>
                  <td>{item.test}</td>
                  <td>{item.correction}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
