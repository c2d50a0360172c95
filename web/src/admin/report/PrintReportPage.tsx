/**
 * The printable bottleneck report (/admin/report/print?…filters): a one-page summary (findings,
 * national map, lowest- and highest-rated providers), a page for the whole selection, then one A4
 * page per region with the same axes on every page, its trend and three of its comments; print
 * CSS breaks pages so "Save as PDF" gives one region per page.
 */
import type {
  BottlenecksReport,
  FindingsReport,
  GroupDrivers,
  IndicatorsReport,
  RateRow,
  SatisfactionReport,
  TrendReport,
} from '../api/types';
import { ipaAxes, type IpaAxes } from '../charts/IpaScatter';
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
import { RegionExtras } from './RegionExtras';
import { ReportPage } from './ReportPage';
import { ReportSummary } from './ReportSummary';
import '../styles/print.css';

/** One pair of axes that holds every page's drivers. */
function sharedAxes(all: readonly GroupDrivers[]): IpaAxes | undefined {
  const each = all.flatMap((d) =>
    d.status === 'ok' && d.drivers.length ? [ipaAxes(d.drivers, d.meanImportance ?? 0)] : [],
  );
  if (!each.length) return undefined;
  return {
    x: { min: Math.min(...each.map((a) => a.x.min)), max: Math.max(...each.map((a) => a.x.max)) },
    y: { min: Math.min(...each.map((a) => a.y.min)), max: Math.max(...each.map((a) => a.y.max)) },
  };
}

/** The focus driver of a page: the most important of those to concentrate on. */
function focusOf(d: GroupDrivers): string | null {
  if (d.status !== 'ok') return null;
  const top = d.drivers
    .filter((x) => x.quadrant === 'concentrate_here')
    .sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0))[0];
  return top?.name ?? null;
}

export function PrintReportPage() {
  const { s, lang } = useLang();
  const f = useFilters();
  const bottlenecks = useReport<BottlenecksReport>('bottlenecks', f, { groupBy: 'region' });
  const indicators = useReport<IndicatorsReport>('indicators', f, { groupBy: 'region' });
  const findings = useReport<FindingsReport>('findings', f);
  const byRegion = useReport<SatisfactionReport>('satisfaction', f, { groupBy: 'region' });
  const byProvider = useReport<SatisfactionReport>('satisfaction', f, { groupBy: 'provider' });
  const trend = useReport<TrendReport>('trend', f);
  const regionTrend = useReport<TrendReport>('trend', f, { groupBy: 'region' });
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
  const error =
    bottlenecks.error ??
    indicators.error ??
    weighted.error ??
    findings.error ??
    byRegion.error ??
    byProvider.error;
  const b = f.weighted === '1' && !weighted.data ? undefined : bottlenecks.data;
  const ind = indicators.data;
  const summary =
    findings.data && byRegion.data && byProvider.data
      ? { findings: findings.data, byRegion: byRegion.data, byProvider: byProvider.data }
      : null;
  const order = REGIONS.map((r) => r.code);
  // One page per region; responses that did not say their region are in the first page only.
  const groups = [...(b?.groups ?? [])]
    .filter((g) => g.group.region)
    .sort((x, y) => order.indexOf(x.group.region ?? '') - order.indexOf(y.group.region ?? ''));
  const axes = b ? sharedAxes([b.overall.drivers, ...groups.map((g) => g.drivers)]) : undefined;

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
      ) : !b || !ind || !summary ? (
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
          <ReportSummary {...summary} filters={f} />
          <ReportPage
            title={s.report.overallPage}
            row={rateOf(b.overall, null)}
            indicators={ind.overall}
            drivers={b.overall.drivers}
            below={undefined}
            k={b.k}
            axes={axes}
          >
            <RegionExtras
              region={null}
              trend={trend.data}
              filters={f}
              focus={focusOf(b.overall.drivers)}
            />
          </ReportPage>
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
                axes={axes}
              >
                <RegionExtras
                  region={region}
                  trend={regionTrend.data}
                  filters={f}
                  focus={focusOf(g.drivers)}
                />
              </ReportPage>
            );
          })}
        </>
      )}
    </div>
  );
}
