/**
 * Exports of the chosen survey under the report filters (same meaning): raw answers as CSV or
 * Excel, streamed by the server, and the codebook. The CSV button asks for the UTF-8 byte-order
 * mark (Excel on a Russian or Uzbek Windows needs it to read the letters); a semicolon-separated
 * variant serves spreadsheets with a decimal comma. SPSS, R and Stata syntax read the same CSV,
 * with the labels in the chosen language.
 */
import { withQuery } from '../api/client';
import { useLang } from '../i18n/lang';
import { FilterBar } from '../reports/FilterBar';
import { useFilters } from '../reports/filters';
import { Panel } from '../ui/Panel';

export function ExportsPage() {
  const { s, lang } = useLang();
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
          <a
            className="btn btn-primary"
            href={withQuery(`${base}/responses.csv`, { ...q, bom: 1 })}
            download
          >
            {s.exports.csv}
          </a>
          <a
            className="btn"
            href={withQuery(`${base}/responses.csv`, { ...q, bom: 1, sep: ';' })}
            download
          >
            {s.exports.csvSemicolon}
          </a>
          <a className="btn" href={withQuery(`${base}/responses.xlsx`, q)} download>
            {s.exports.xlsx}
          </a>
          <a className="btn" href={`${base}/codebook.csv`} download>
            {s.exports.codebook}
          </a>
        </div>
        <p>{s.exports.scripts}</p>
        <div className="form-actions">
          <a className="btn" href={withQuery(`${base}/responses.csv`, { ...q, stats: 1 })} download>
            {s.exports.statsCsv}
          </a>
          <a className="btn" href={withQuery(`${base}/responses.sps`, { ...q, lang })} download>
            {s.exports.spss}
          </a>
          <a className="btn" href={withQuery(`${base}/responses.R`, { ...q, lang })} download>
            {s.exports.r}
          </a>
          <a className="btn" href={withQuery(`${base}/responses.do`, { ...q, lang })} download>
            {s.exports.stata}
          </a>
        </div>
      </Panel>
    </div>
  );
}
