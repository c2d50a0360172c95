/**
 * The bottleneck view: one group's importance–performance chart and what to concentrate on, the
 * same per region, the systemic bottlenecks ranked with their intervals, state vs non-state per
 * driver, regional disparity, and a link to the printable report.
 */
import type { BottlenecksReport } from '../api/types';
import { useLang } from '../i18n/lang';
import { Link, replaceQuery, useLocation } from '../lib/router';
import { FilterBar } from '../reports/FilterBar';
import { filterQuery, useFilters } from '../reports/filters';
import { useReport } from '../reports/use-report';
import { ErrorBox } from '../ui/ErrorBox';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { ConcentrateByGroup } from './ConcentrateByGroup';
import { Disparity } from './Disparity';
import { DriverAnalysis } from './DriverAnalysis';
import { DriverGaps } from './DriverGaps';
import { groupLabel } from './groupLabel';
import { SystemicList } from './SystemicList';

export function BottlenecksPage() {
  const { s, lang } = useLang();
  const f = useFilters();
  const { query } = useLocation();
  const method = query.get('method') === 'pearson' ? 'pearson' : undefined;
  const report = useReport<BottlenecksReport>('bottlenecks', f, { groupBy: 'region', method });
  const chosen = query.get('group') ?? '';
  const data = report.data;
  const group = data?.groups.find((g) => g.group.region === chosen);
  const drivers = group ? group.drivers : data?.overall.drivers;

  return (
    <div className="page page-bottlenecks">
      <div className="page-head">
        <h1>{s.bottlenecks.title}</h1>
        <Link className="btn" to={`/admin/report/print${filterQuery(f)}`}>
          {s.bottlenecks.printReport}
        </Link>
      </div>
      <FilterBar />
      {report.error && <ErrorBox error={report.error} retry={report.reload} />}
      <Panel
        title={s.bottlenecks.scatter}
        actions={
          <>
            <label className="field field-inline">
              <span>{s.bottlenecks.group}</span>
              <select value={chosen} onChange={(e) => replaceQuery({ group: e.target.value })}>
                <option value="">{s.stats.overall}</option>
                {data?.groups.map((g) => (
                  <option key={g.group.region ?? ''} value={g.group.region ?? ''}>
                    {groupLabel(g.group, s, lang)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field-inline">
              <span>{s.bottlenecks.method}</span>
              <select
                value={method ?? 'spearman'}
                onChange={(e) =>
                  replaceQuery({ method: e.target.value === 'pearson' ? 'pearson' : null })
                }
              >
                <option value="spearman">{s.bottlenecks.methodRanks}</option>
                <option value="pearson">{s.bottlenecks.methodScores}</option>
              </select>
            </label>
          </>
        }
      >
        {data && drivers ? (
          <DriverAnalysis drivers={drivers} k={data.k} />
        ) : (
          <Skeleton height={380} />
        )}
      </Panel>
      <div className="grid-2">
        <Panel title={s.bottlenecks.systemic}>
          {data ? <SystemicList report={data} /> : <Skeleton lines={5} />}
        </Panel>
        <Panel title={s.bottlenecks.perGroup}>
          {data ? <ConcentrateByGroup report={data} /> : <Skeleton lines={8} />}
        </Panel>
      </div>
      <Panel title={s.bottlenecks.disparity}>
        {data ? <Disparity disparity={data.regionalDisparity} /> : <Skeleton lines={2} />}
      </Panel>
      <Panel title={s.bottlenecks.driverGaps}>
        {data ? (
          <DriverGaps
            satisfaction={data.stateVsNonState.satisfaction}
            drivers={data.stateVsNonState.drivers}
            k={data.k}
          />
        ) : (
          <Skeleton lines={8} />
        )}
      </Panel>
    </div>
  );
}
