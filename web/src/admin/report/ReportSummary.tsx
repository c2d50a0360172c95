/**
 * The printed report's first page, what a minister reads in two minutes: the findings to act on,
 * satisfaction on the national tile map, and the lowest- and highest-rated providers with their
 * intervals (only providers shown with a rate and an interval; suppressed ones never).
 */
import type { FindingsReport, SatisfactionReport } from '../api/types';
import { Findings } from '../dashboard/Findings';
import { groupLabel } from '../dashboard/groupLabel';
import { TileMap } from '../dashboard/TileMap';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { num, pct, pctRange } from '../lib/format';
import type { Filters } from '../reports/filters';
import { useRegistry } from '../reference/use-registry';
import { useUser } from '../session';

/** How many providers each list names. */
const LISTED = 3;

export function ReportSummary({
  findings,
  byRegion,
  byProvider,
  filters,
}: {
  findings: FindingsReport;
  byRegion: SatisfactionReport;
  byProvider: SatisfactionReport;
  filters: Filters;
}) {
  const { s, lang } = useLang();
  const user = useUser();
  const { registry } = useRegistry();
  const rated = byProvider.groups
    .filter((g) => !g.suppressed && g.rate !== null && g.ci95 !== null)
    .sort((a, b) => a.rate! - b.rate!);
  const worst = rated.slice(0, LISTED);
  const best = rated.slice(-LISTED).reverse();
  const list = (rows: typeof rated) => (
    <ol className="summary-providers">
      {rows.map((g) => (
        <li key={g.group.provider ?? ''}>
          <strong>{groupLabel(g.group, s, lang, registry)}</strong>
          {', '}
          {groupLabel(
            { region: registry.providers.find((p) => p.code === g.group.provider)?.region ?? null },
            s,
            lang,
          )}
          {': '}
          {fmt(s.report.providerRate, {
            rate: pct(g.rate!, lang),
            range: pctRange(g.ci95!, lang),
            n: num(g.n ?? 0, lang),
          })}
        </li>
      ))}
    </ol>
  );
  return (
    <section className="report-summary">
      <h2>{s.report.summary}</h2>
      <h3>{s.findings.title}</h3>
      <Findings report={findings} filters={filters} />
      <h3>{s.report.nationalMap}</h3>
      <div className="summary-map">
        <TileMap report={byRegion} scope={user.regions} />
      </div>
      <div className="summary-columns">
        <div>
          <h3>{s.report.worstProviders}</h3>
          {list(worst)}
        </div>
        <div>
          <h3>{s.report.bestProviders}</h3>
          {list(best)}
        </div>
      </div>
    </section>
  );
}
