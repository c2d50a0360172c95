/**
 * Exports of the chosen survey under the report filters (same meaning): raw answers as CSV or
 * Excel, streamed by the server, and the codebook.
 */
import { withQuery } from '../api/client';
import { useLang } from '../i18n/lang';
import { FilterBar } from '../reports/FilterBar';
import { useFilters } from '../reports/filters';
import { Panel } from '../ui/Panel';

export function ExportsPage() {
  const { s } = useLang();
  const f = useFilters();
  const base = `/api/exports/${encodeURIComponent(f.survey)}`;
  const q = {
    from: f.from,
    to: f.to,
    region: f.region,
    district: f.district,
    provider: f.provider,
    sector: f.sector,
  };
  return (
    <div className="page">
      <h1>{s.exports.title}</h1>
      <FilterBar hide={['channel']} />
      <Panel>
        <p>{s.exports.intro}</p>
        <div className="form-actions">
          <a className="btn btn-primary" href={withQuery(`${base}/responses.csv`, q)} download>
            {s.exports.csv}
          </a>
          <a className="btn" href={withQuery(`${base}/responses.xlsx`, q)} download>
            {s.exports.xlsx}
          </a>
          <a className="btn" href={`${base}/codebook.csv`} download>
            {s.exports.codebook}
          </a>
        </div>
      </Panel>
    </div>
  );
}
