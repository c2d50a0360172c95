/**
 * The manager's dashboard: headline indicators, satisfaction on the tile map and by region ×
 * sector, state vs non-state. Every number comes from the reports API for the filters in the
 * address. The map and the heatmap can show satisfaction weighted to the people served
 * (`weighted=1` in the address); the page says which it shows.
 */
import type {
  BottlenecksReport,
  FindingsReport,
  IndicatorsReport,
  SatisfactionReport,
} from '../api/types';
import { useLang } from '../i18n/lang';
import { Link } from '../lib/router';
import { FilterBar } from '../reports/FilterBar';
import { FiguresNote } from '../reports/FiguresNote';
import { HowComputed } from '../reports/HowComputed';
import { filterQuery, useFilters } from '../reports/filters';
import { useReport } from '../reports/use-report';
import { WeightingNote } from '../reports/WeightingNote';
import { useUser } from '../session';
import { ErrorBox } from '../ui/ErrorBox';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { Findings } from './Findings';
import { Heatmap } from './Heatmap';
import { KpiCards } from './KpiCards';
import { StateVsNonState } from './StateVsNonState';
import { TileMap } from './TileMap';

export function DashboardPage() {
  const { s } = useLang();
  const user = useUser();
  const f = useFilters();
  const indicators = useReport<IndicatorsReport>('indicators', f);
  const byRegion = useReport<SatisfactionReport>('satisfaction', f, { groupBy: 'region' });
  const cells = useReport<SatisfactionReport>('satisfaction', f, { groupBy: 'region,sector' });
  const bottlenecks = useReport<BottlenecksReport>('bottlenecks', f);
  const findings = useReport<FindingsReport>('findings', f);

  return (
    <div className="page page-dashboard">
      <h1>{s.dashboard.title}</h1>
      <FilterBar />
      <FiguresNote report={indicators.data} />
      <WeightingNote toggle />
      <Panel title={s.findings.title} className="findings-panel">
        {findings.error ? (
          <ErrorBox error={findings.error} retry={findings.reload} />
        ) : findings.data ? (
          <Findings report={findings.data} filters={f} />
        ) : (
          <Skeleton lines={3} />
        )}
      </Panel>
      {indicators.error ? (
        <ErrorBox error={indicators.error} retry={indicators.reload} />
      ) : (
        <KpiCards
          row={indicators.data?.overall}
          k={indicators.data?.k ?? 5}
          loading={indicators.loading}
          changes={findings.data?.changes}
        />
      )}
      <HowComputed report={indicators.data} />
      <Panel title={s.dashboard.map} className="map-panel">
        {byRegion.error ? (
          <ErrorBox error={byRegion.error} retry={byRegion.reload} />
        ) : byRegion.data ? (
          <TileMap report={byRegion.data} scope={user.regions} />
        ) : (
          <Skeleton height={340} />
        )}
      </Panel>
      <div className="grid-2">
        <Panel title={s.dashboard.heatmap}>
          {cells.error || byRegion.error ? (
            <ErrorBox
              error={(cells.error ?? byRegion.error)!}
              retry={() => {
                // The heatmap needs both reports: ask again for whichever failed.
                if (cells.error) cells.reload();
                if (byRegion.error) byRegion.reload();
              }}
            />
          ) : cells.data && byRegion.data ? (
            <Heatmap cells={cells.data} totals={byRegion.data} />
          ) : (
            <Skeleton lines={8} />
          )}
        </Panel>
        <Panel
          title={s.dashboard.stateVsNonState}
          actions={
            <Link className="btn btn-quiet" to={`/admin/bottlenecks${filterQuery(f)}`}>
              {s.dashboard.moreBottlenecks}
            </Link>
          }
        >
          {bottlenecks.error ? (
            <ErrorBox error={bottlenecks.error} retry={bottlenecks.reload} />
          ) : bottlenecks.data ? (
            <StateVsNonState
              comparison={bottlenecks.data.stateVsNonState.satisfaction}
              k={bottlenecks.data.k}
            />
          ) : (
            <Skeleton height={90} />
          )}
        </Panel>
      </div>
    </div>
  );
}
