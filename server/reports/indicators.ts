/**
 * GET /api/reports/indicators: every indicator of shared/METRICS.md per group, and the Social
 * KPI index with the components it used. Each indicator is suppressed on its own n, with the
 * complementary rule across the groups shown beside the overall. Pure.
 */
import {
  affordability as affordabilityOf,
  ces,
  DEFAULT_KPI_CONFIG,
  deliveryTime,
  nps,
  rateRow,
  socialKpiIndex,
  type KpiConfig,
} from '../domain/index.js';
import { rateNoise, varianceOf, wilsonWithNoise } from '../domain/perturbation.js';
import { countsOf } from './group-counts.js';
import { answerNoise, type CountNoise, type RateNoise } from './rate-noise.js';
import type { Group, GroupCounts } from './rollup-reader.js';
import { scoreRows, type ScoreRow } from './score-rows.js';
import { hiddenBeside } from './suppress.js';
import type { IndicatorVariables } from './survey-variables.js';
import { volumeIndicators, type ServiceVolumes } from './volumes.js';

const npsRow = (r: ReturnType<typeof nps>, hidden: boolean) =>
  hidden
    ? {
        n: null,
        promoters: null,
        passives: null,
        detractors: null,
        nps: null,
        ci95: null,
        suppressed: true,
      }
    : { ...r, suppressed: false };

/** A rate row: `satisfied` counts the answers 5–7 ("it was easy"). */
const cesRow = (r: ReturnType<typeof ces>, hidden: boolean, k: number, noisy = false) => {
  const row = rateRow(r.easy, r.n, { k, suppress: hidden });
  // Protected figures: the interval with the perturbation's variance (ces()).
  return noisy && !row.suppressed ? { ...row, ci95: r.ci95, includesPerturbation: true } : row;
};

const deliveryRow = (r: ReturnType<typeof deliveryTime>, hidden: boolean) =>
  hidden
    ? {
        n: null,
        median: null,
        p90: null,
        medianCi95: null,
        p90Ci95: null,
        quantileDefinition: r.quantileDefinition,
        suppressed: true,
      }
    : { ...r, suppressed: false };

/** Affordability with the informal-payment rate and the item non-response beside it. */
const affordRow = (r: ReturnType<typeof affordabilityOf>, hidden: boolean) =>
  hidden ? { n: null, index: null, ci95: null, suppressed: true } : { ...r, suppressed: false };

const KPI_INTERVAL_METHOD =
  'delta method: each component interval mapped through its floor–target scale, errors added as if perfectly correlated (conservative)';

/** The Wilson interval of a 1–5 item's top-2 rate with the perturbation's variance of its counts. */
function noisyRateInterval(row: ScoreRow, d: CountNoise, variable: string | null) {
  if (row.rate === null || row.n === null || !(row.n > 0)) return row.ci95;
  const v = answerNoise(d, variable);
  const x = row.rate * row.n;
  const top = varianceOf(v, (key) => key === '4' || key === '5');
  const rest = varianceOf(v, (key) => key === '1' || key === '2' || key === '3');
  return wilsonWithNoise(x, row.n, rateNoise(x, row.n, top, rest));
}

export function indicatorsReport(
  variables: IndicatorVariables,
  groups: readonly GroupCounts[],
  overall: GroupCounts,
  k: number,
  kpiConfig: Readonly<KpiConfig> = DEFAULT_KPI_CONFIG,
  /** The recorded volumes of a group (loadServiceVolumes); null: none recorded. */
  volumesOf: (group: Group) => ServiceVolumes | null,
  /** Protected figures: the noise of each group's counts, included in every interval. */
  noise: RateNoise | null = null,
) {
  const all = [...groups, overall];
  const detailOf = (g: GroupCounts) => (noise?.detail ? noise.detail(g.group) : null);
  const details = all.map(detailOf);
  const noiseOf = (i: number, variable: string | null) => {
    const d = details[i];
    return d ? answerNoise(d, variable) : undefined;
  };
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
          all.map((g, i) => nps(countsOf(g, variables.recommend), noiseOf(i, variables.recommend))),
          npsRow,
        );
  const cesRows =
    variables.effort === null
      ? null
      : pick(
          all.map((g, i) => ces(countsOf(g, variables.effort), noiseOf(i, variables.effort))),
          (r, h) => cesRow(r, h, k, details[0] !== null && details[0] !== undefined),
        );
  const delivery =
    variables.deliveryDays === null
      ? null
      : pick(
          all.map((g, i) =>
            deliveryTime(countsOf(g, variables.deliveryDays), noiseOf(i, variables.deliveryDays)),
          ),
          deliveryRow,
        );
  const afford =
    variables.affordability === null
      ? null
      : pick(
          all.map((g, i) =>
            affordabilityOf(
              countsOf(g, variables.affordability),
              countsOf(g, variables.affordCross),
              g.responses,
              details[i]
                ? {
                    paid: noiseOf(i, variables.affordability)!,
                    cross: noiseOf(i, variables.affordCross)!,
                  }
                : undefined,
            ),
          ),
          affordRow,
        );

  const rowOf = (g: GroupCounts, i: number) => {
    const sat: ScoreRow = satisfaction[i]!;
    const tr = trust?.[i] ?? null;
    const del = delivery?.[i] ?? null;
    const aff = afford?.[i] ?? null;
    const volumes = volumeIndicators(g.responses, volumesOf(g.group));
    const d = details[i];
    // Protected figures: a component of fewer answers than the display threshold is not shown,
    // so the index is made without it, as if it were missing.
    const minN = noise?.displayMinN;
    const shown = <T>(n: number | null | undefined, value: T | null | undefined): T | null =>
      minN === undefined || (typeof n === 'number' && n >= minN) ? (value ?? null) : null;
    const kpi = socialKpiIndex(
      {
        satisfaction: shown(sat.n, sat.rate),
        trust: shown(tr?.n, tr?.rate),
        deliveryTime: shown(del?.n, del?.median),
        affordability: shown(aff?.n, aff?.index),
        coverage: volumes.coverage,
      },
      kpiConfig,
      {
        // Protected figures: the rates' intervals with the perturbation's variance (the delivery
        // median's and affordability's include it already).
        satisfaction: d ? noisyRateInterval(sat, d, variables.satisfaction) : sat.ci95,
        trust: tr ? (d ? noisyRateInterval(tr, d, variables.trust) : tr.ci95) : null,
        deliveryTime: del?.medianCi95 ?? null,
        affordability: aff?.ci95 ?? null,
      },
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
      kpi: {
        ...kpi,
        floors: kpiConfig.floors,
        targets: kpiConfig.targets,
        interval: KPI_INTERVAL_METHOD,
        ...(d ? { includesPerturbation: true as const } : {}),
      },
    };
  };
  return {
    overall: rowOf(overall, groups.length),
    groups: groups.map((g, i) => ({ group: g.group, ...rowOf(g, i) })),
  };
}
