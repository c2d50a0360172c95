/**
 * Satisfaction by region × sector as a coloured table (rows: regions with responses; columns: the
 * four sectors and all sectors). A suppressed cell is hatched and says "suppressed", with the
 * reason in its tooltip; an empty cell has no responses.
 */
import { SECTORS } from '../../../../common/reports/dimensions';
import type { RateRow, SatisfactionReport } from '../api/types';
import { certainColour, textOn } from '../charts/colour';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { pct, pctRange } from '../lib/format';
import { regionName } from '../reference/regions';
import { REGIONS } from '../reference/regions';

function Cell({ row, k }: { row: RateRow | undefined; k: number }) {
  const { s, lang } = useLang();
  if (!row) return <td className="heat-cell heat-empty">—</td>;
  if (row.suppressed) {
    const hint = fmt(s.stats.suppressedHint, { k });
    return (
      <td className="heat-cell heat-suppressed" title={hint} data-suppressed="true">
        <span className="visually-hidden">{hint} </span>
        {s.stats.suppressed}
      </td>
    );
  }
  if (row.rate === null) return <td className="heat-cell heat-empty">—</td>;
  const fill = certainColour(row.rate, row.ci95);
  const title = `${pct(row.rate, lang)} [${row.ci95 ? pctRange(row.ci95, lang) : ''}], ${fmt(s.stats.n, { n: row.n ?? 0 })}`;
  return (
    <td
      className="heat-cell"
      style={{ background: fill, color: textOn(row.rate, fill) }}
      title={title}
    >
      <strong>{pct(row.rate, lang)}</strong>
      <small>{fmt(s.stats.n, { n: row.n ?? 0 })}</small>
    </td>
  );
}

export function Heatmap({
  cells,
  totals,
}: {
  cells: SatisfactionReport;
  totals: SatisfactionReport;
}) {
  const { s, lang } = useLang();
  const key = (region: string | null, sector: string | null) => `${region}|${sector}`;
  const byCell = new Map(
    cells.groups.map((g) => [key(g.group.region ?? null, g.group.sector ?? null), g]),
  );
  const byRegion = new Map(totals.groups.map((g) => [g.group.region ?? null, g]));
  const order = REGIONS.map((r) => r.code);
  const regions = [...new Set(totals.groups.map((g) => g.group.region ?? null))]
    .filter((r): r is string => r !== null)
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return (
    <div className="table-scroll">
      <table className="heatmap">
        <caption className="visually-hidden">{s.dashboard.heatmap}</caption>
        <thead>
          <tr>
            <th scope="col">{s.filters.region}</th>
            {SECTORS.map((x) => (
              <th key={x} scope="col">
                {s.sectors[x]}
              </th>
            ))}
            <th scope="col">{s.app.all}</th>
          </tr>
        </thead>
        <tbody>
          {regions.map((r) => (
            <tr key={r}>
              <th scope="row">{regionName(r, lang)}</th>
              {SECTORS.map((x) => (
                <Cell key={x} row={byCell.get(key(r, x))} k={cells.k} />
              ))}
              <Cell row={byRegion.get(r)} k={totals.k} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="footnote">{s.stats.paler}</p>
    </div>
  );
}
