/**
 * GET /api/reports/indicators: every indicator of shared/METRICS.md per group, and the Social
 * KPI index with the components it used. Each indicator is suppressed on its own n, with the
 * complementary rule across the groups shown beside the overall. Pure.
 */
import {
  affordabilityIndex,
  ces,
  DEFAULT_KPI_CONFIG,
  deliveryTime,
  nps,
  rateRow,
  socialKpiIndex,
  type KpiConfig,
} from '../domain/index.js';
import { countsOf } from './group-counts.js';
import type { Group, GroupCounts } from './rollup-reader.js';
import { scoreRows, type ScoreRow } from './score-rows.js';
import { hiddenBeside } from './suppress.js';
import type { IndicatorVariables } from './survey-variables.js';
import { serviceVolumes, volumeIndicators, type ServiceVolumes } from './volumes.js';

const npsRow = (r: ReturnType<typeof nps>, hidden: boolean) =>
  hidden
    ? { n: null, promoters: null, passives: null, detractors: null, nps: null, suppressed: true }
    : { ...r, suppressed: false };

/** A rate row: `satisfied` counts the answers 5–7 ("it was easy"). */
const cesRow = (r: ReturnType<typeof ces>, hidden: boolean, k: number) =>
  rateRow(r.easy, r.n, { k, suppress: hidden });

const deliveryRow = (r: ReturnType<typeof deliveryTime>, hidden: boolean) =>
  hidden ? { n: null, median: null, p90: null, suppressed: true } : { ...r, suppressed: false };

const affordRow = (r: ReturnType<typeof affordabilityIndex>, hidden: boolean) =>
  hidden
    ? {
        n: null,
        none: null,
        paid: null,
        affordYes: null,
        affordNo: null,
        index: null,
        suppressed: true,
      }
    : { ...r, suppressed: false };

export function indicatorsReport(
  variables: IndicatorVariables,
  groups: readonly GroupCounts[],
  overall: GroupCounts,
  k: number,
  kpiConfig: Readonly<KpiConfig> = DEFAULT_KPI_CONFIG,
  volumesOf: (group: Group) => ServiceVolumes | null = serviceVolumes,
) {
  const all = [...groups, overall];
  const score = (variable: string | null) => {
    const { rows, overall: total } = scoreRows(
      groups.map((g) => countsOf(g, variable)),
      countsOf(overall, variable),
      k,
    );
    return [...rows, total];
  };
  /** One indicator of every group and then the overall (the last value), each suppressed on its own n. */
  const pick = <T extends { n: number }, R>(values: T[], show: (v: T, hidden: boolean) => R) => {
    const total = values[values.length - 1]!;
    const hidden = hiddenBeside(
      values.slice(0, -1).map((v) => v.n),
      total.n,
      k,
    );
    return values.map((v, i) => show(v, i < groups.length ? (hidden[i] ?? true) : total.n < k));
  };

  const satisfaction = score(variables.satisfaction);
  const trust = variables.trust === null ? null : score(variables.trust);
  const drivers = variables.drivers.map((d) => ({ name: d.name, rows: score(d.variable) }));
  const npsRows =
    variables.recommend === null
      ? null
      : pick(
          all.map((g) => nps(countsOf(g, variables.recommend))),
          npsRow,
        );
  const cesRows =
    variables.effort === null
      ? null
      : pick(
          all.map((g) => ces(countsOf(g, variables.effort))),
          (r, h) => cesRow(r, h, k),
        );
  const delivery =
    variables.deliveryDays === null
      ? null
      : pick(
          all.map((g) => deliveryTime(countsOf(g, variables.deliveryDays))),
          deliveryRow,
        );
  const afford =
    variables.affordability === null
      ? null
      : pick(
          all.map((g) =>
            affordabilityIndex(countsOf(g, variables.affordability), countsOf(g, variables.afford)),
          ),
          affordRow,
        );

  const rowOf = (g: GroupCounts, i: number) => {
    const sat: ScoreRow = satisfaction[i]!;
    const tr = trust?.[i] ?? null;
    const del = delivery?.[i] ?? null;
    const aff = afford?.[i] ?? null;
    const volumes = volumeIndicators(g.responses, volumesOf(g.group));
    const kpi = socialKpiIndex(
      {
        satisfaction: sat.rate,
        trust: tr?.rate ?? null,
        deliveryTime: del?.median ?? null,
        affordability: aff?.index ?? null,
        coverage: volumes.coverage,
      },
      kpiConfig,
    );
    return {
      satisfaction: sat,
      trust: tr,
      drivers: Object.fromEntries(drivers.map((d) => [d.name, d.rows[i]!])),
      ...(npsRows ? { nps: npsRows[i]! } : {}),
      ...(cesRows ? { ces: cesRows[i]! } : {}),
      deliveryTime: del,
      affordability: aff,
      ...volumes,
      kpi: { ...kpi, targets: kpiConfig.targets },
    };
  };
  return {
    overall: rowOf(overall, groups.length),
    groups: groups.map((g, i) => ({ group: g.group, ...rowOf(g, i) })),
  };
}
