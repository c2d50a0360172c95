/**
 * The headline indicators of the selection (shared/METRICS.md): satisfaction with its interval and
 * n, the Social KPI index, trust, delivery time, affordability, response rate, coverage. A
 * suppressed value says so; a missing one says "no data", never 0.
 */
import type { FindingsReport, IndicatorRow, RateRow, TileName } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { num, pct } from '../lib/format';
import { Skeleton } from '../ui/Skeleton';
import { NoData, Suppressed } from '../ui/Suppressed';
import { ChangeLine } from './ChangeLine';
import { KpiCard } from './KpiCard';

function RateValue({ row, k }: { row: RateRow | null; k: number }) {
  const { lang } = useLang();
  if (!row) return <NoData />;
  if (row.suppressed) return <Suppressed k={k} />;
  if (row.rate === null) return <NoData />;
  return <>{pct(row.rate, lang)}</>;
}

/** The larger distance from a value to its interval's ends, in whole points of 100. */
function plusMinus(value: number, ci: readonly [number, number], scale = 100): string {
  const half = Math.max(value - ci[0], ci[1] - value) * scale;
  // Under one point, one decimal: "±0 points" would claim no uncertainty at all.
  return half < 1 ? half.toFixed(1) : String(Math.round(half));
}

function RateDetail({ row }: { row: RateRow | null }) {
  const { s, lang } = useLang();
  if (!row || row.suppressed || row.rate === null || !row.ci95) return null;
  return (
    <>
      <span>
        {fmt(s.stats.plusMinus, {
          points: plusMinus(row.rate, row.ci95),
          n: num(row.n ?? 0, lang),
        })}
      </span>
      <span className="kpi-n">
        {fmt(s.stats.ci, { low: pct(row.ci95[0], lang), high: pct(row.ci95[1], lang) })}
      </span>
    </>
  );
}

export function KpiCards({
  row,
  k,
  loading,
  changes,
}: {
  row?: IndicatorRow;
  k: number;
  loading: boolean;
  /** Each tile's change against the previous comparable period, once known. */
  changes?: FindingsReport['changes'];
}) {
  const { s, lang } = useLang();
  const change = (tile: TileName, unit: 'points' | 'index' | 'days') => (
    <ChangeLine
      change={changes?.tiles[tile]}
      current={changes?.current}
      previous={changes?.previous}
      unit={unit}
    />
  );
  if (loading || !row) {
    return (
      <div className="kpi-grid">
        {Array.from({ length: 7 }, (_, i) => (
          <Skeleton key={i} height={112} />
        ))}
      </div>
    );
  }
  const d = row.deliveryTime;
  const a = row.affordability;
  const components = row.kpi.components
    .map((c) => s.dashboard.components[c as keyof typeof s.dashboard.components] ?? c)
    .join(', ');
  const fraction = (v: number | null) => (v === null ? <NoData /> : pct(v, lang));
  return (
    <div className="kpi-grid">
      <KpiCard
        id="satisfaction"
        change={change('satisfaction', 'points')}
        title={s.dashboard.satisfaction}
        value={<RateValue row={row.satisfaction} k={k} />}
        detail={<RateDetail row={row.satisfaction} />}
      />
      <KpiCard
        id="kpi"
        change={change('kpi', 'index')}
        title={s.dashboard.kpi}
        value={row.kpi.index === null ? <NoData /> : num(row.kpi.index, lang, 1)}
        detail={
          row.kpi.index === null ? null : (
            <>
              {row.kpi.ci95 && (
                <span>
                  {fmt(s.dashboard.kpiRange, {
                    low: num(row.kpi.ci95[0], lang, 1),
                    high: num(row.kpi.ci95[1], lang, 1),
                  })}
                </span>
              )}
              <span className="kpi-n">
                {row.kpi.comparable
                  ? components
                  : fmt(s.dashboard.kpiNotComparable, {
                      missing: row.kpi.missing
                        .map(
                          (c) =>
                            s.dashboard.components[c as keyof typeof s.dashboard.components] ?? c,
                        )
                        .join(', '),
                    })}
              </span>
            </>
          )
        }
        hint={fmt(s.dashboard.kpiHint, { components })}
      />
      <KpiCard
        id="trust"
        change={change('trust', 'points')}
        title={s.dashboard.trust}
        value={<RateValue row={row.trust} k={k} />}
        detail={<RateDetail row={row.trust} />}
      />
      <KpiCard
        id="delivery"
        change={change('delivery', 'days')}
        title={s.dashboard.delivery}
        value={
          !d ? (
            <NoData />
          ) : d.suppressed ? (
            <Suppressed k={k} />
          ) : d.median === null ? (
            <NoData />
          ) : (
            fmt(s.stats.days, { n: num(d.median, lang) })
          )
        }
        detail={
          d && !d.suppressed && d.median !== null ? (
            <>
              <span>
                {fmt(s.dashboard.deliveryValue, {
                  median: num(d.median, lang, Number.isInteger(d.median) ? 0 : 1),
                  p90: num(d.p90 ?? 0, lang, Number.isInteger(d.p90) ? 0 : 1),
                })}
              </span>
              {d.medianCi95 && (
                <span>
                  {fmt(s.stats.likelyDays, {
                    low: num(d.medianCi95[0], lang),
                    high: num(d.medianCi95[1], lang),
                  })}
                </span>
              )}
              <span className="kpi-n">{fmt(s.stats.fromAnswers, { n: num(d.n ?? 0, lang) })}</span>
            </>
          ) : null
        }
      />
      <KpiCard
        id="affordability"
        change={change('affordability', 'points')}
        title={s.dashboard.affordability}
        value={!a ? <NoData /> : a.suppressed ? <Suppressed k={k} /> : fraction(a.index)}
        detail={
          a && !a.suppressed && a.index !== null ? (
            <>
              {a.ci95 && (
                <span>
                  {fmt(s.stats.plusMinus, {
                    points: plusMinus(a.index, a.ci95),
                    n: num(a.n ?? 0, lang),
                  })}
                </span>
              )}
              {a.informalRate?.rate != null && (
                <span>{fmt(s.dashboard.informal, { rate: pct(a.informalRate.rate, lang) })}</span>
              )}
              {a.itemNonResponse && (
                <span className="kpi-n">
                  {fmt(s.dashboard.notSaid, {
                    said: pct(a.itemNonResponse.preferNotToSayShare ?? 0, lang),
                    none: pct(a.itemNonResponse.noAnswerShare ?? 0, lang),
                  })}
                </span>
              )}
            </>
          ) : null
        }
      />
      <KpiCard
        id="response-rate"
        change={change('responseRate', 'points')}
        title={s.dashboard.responseRate}
        value={fraction(row.responseRate)}
        detail={row.responseRate === null ? <span>{s.dashboard.volumesMissing}</span> : null}
      />
      <KpiCard
        id="coverage"
        change={change('coverage', 'points')}
        title={s.dashboard.coverage}
        value={fraction(row.coverage)}
        detail={row.coverage === null ? <span>{s.dashboard.volumesMissing}</span> : null}
      />
    </div>
  );
}
