/**
 * The printable bottleneck report (/admin/report/print?…filters): a first page for the whole
 * selection, then one A4 page per region; print CSS breaks pages so "Save as PDF" gives one
 * region per page.
 */
import type {
  BottlenecksReport,
  IndicatorsReport,
  RateRow,
  SatisfactionReport,
} from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { Link } from '../lib/router';
import { filterQuery, useFilters } from '../reports/filters';
import { useReport } from '../reports/use-report';
import { WeightingNote } from '../reports/WeightingNote';
import { useSurveyTitle } from '../reports/use-survey-title';
import { localText } from '../lib/local-text';
import { regionName, REGIONS } from '../reference/regions';
import { ErrorBox } from '../ui/ErrorBox';
import { Spinner } from '../ui/Spinner';
import { ReportPage } from './ReportPage';
import '../styles/print.css';

export function PrintReportPage() {
  const { s, lang } = useLang();
  const f = useFilters();
  const bottlenecks = useReport<BottlenecksReport>('bottlenecks', f, { groupBy: 'region' });
  const indicators = useReport<IndicatorsReport>('indicators', f, { groupBy: 'region' });
  // Weighted (`weighted=1` in the address): the satisfaction figures come from the weighted
  // satisfaction report; everything else on the pages is unweighted.
  const weighted = useReport<SatisfactionReport>(
    'satisfaction',
    f,
    { groupBy: 'region' },
    f.weighted === '1',
  );
  const rateOf = <R extends RateRow>(row: R, region: string | null): R => {
    const w = weighted.data;
    if (!w) return row;
    const from = region === null ? w.overall : w.groups.find((g) => g.group.region === region);
    if (!from) return row;
    const { rate, ci95, flags, nEff, designEffect } = from;
    return { ...row, rate, ci95, flags, nEff, designEffect, weighted: true };
  };
  const title = localText(useSurveyTitle(f.survey), lang) || f.survey;
  const error = bottlenecks.error ?? indicators.error ?? weighted.error;
  const b = f.weighted === '1' && !weighted.data ? undefined : bottlenecks.data;
  const ind = indicators.data;
  const order = REGIONS.map((r) => r.code);
  // One page per region; responses that did not say their region are in the first page only.
  const groups = [...(b?.groups ?? [])]
    .filter((g) => g.group.region)
    .sort((x, y) => order.indexOf(x.group.region ?? '') - order.indexOf(y.group.region ?? ''));

  return (
    <div className="print-report">
      <div className="print-toolbar">
        <Link to={`/admin/bottlenecks${filterQuery(f)}`}>{s.report.back}</Link>
        <span className="muted">{s.report.printHint}</span>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {s.app.print}
        </button>
      </div>
      {error ? (
        <ErrorBox error={error} />
      ) : !b || !ind ? (
        <Spinner block />
      ) : (
        <>
          <header className="report-cover">
            <h1>
              {s.report.title}: {title}
            </h1>
            <p>
              {f.from || f.to
                ? fmt(s.report.period, { from: f.from ?? '…', to: f.to ?? '…' })
                : s.report.allTime}
              {' · '}
              {fmt(s.report.generated, { date: date(new Date().toISOString(), lang) })}
            </p>
            <WeightingNote />
          </header>
          <ReportPage
            title={s.report.overallPage}
            row={rateOf(b.overall, null)}
            indicators={ind.overall}
            drivers={b.overall.drivers}
            below={undefined}
            k={b.k}
          />
          {groups.map((g) => {
            const region = g.group.region ?? '';
            return (
              <ReportPage
                key={region}
                title={regionName(region, lang)}
                row={rateOf(g, region)}
                indicators={ind.groups.find((x) => x.group.region === region)}
                drivers={g.drivers}
                below={b.systemic.groups.find((x) => x.group.region === region)}
                k={b.k}
              />
            );
          })}
        </>
      )}
    </div>
  );
}
