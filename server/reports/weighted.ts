/**
 * Weighted rate rows (`weighted=1` on a report; docs/weights.md). The rollups are read at the
 * report's grouping plus provider × month — the weighting cells — so nothing is rescanned: each
 * cell's counts come from the same cuboids as the unweighted report, and its weight from the
 * service volumes (people served per provider and month) through the pure domain
 * (server/domain/weights.ts). A weighted row keeps the unweighted n and its suppression (the
 * anonymity rule is about how many people answered, not what they stand for) and carries the
 * weighted `rate`, Kish's `nEff`, the Wilson interval on n_eff and the design effect.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newcombe, rateFlags, topBoxRate } from '../domain/index.js';
import {
  postStratify,
  weightedRate,
  type WeightCell,
  type WeightedPart,
  type Weights,
} from '../domain/weights.js';
import type { Registry } from '../repos/registry.js';
import { countsOf } from './group-counts.js';
import type { Group, GroupCounts, GroupDim } from './rollup-reader.js';
import type { ScoreRow } from './score-rows.js';

/** The weighting cell dimensions added to a report's grouping. */
export const CELL_DIMS: readonly GroupDim[] = ['provider', 'month'];

/** The grouping to read for weighted rows of `groupBy`. */
export function weightedGrouping(groupBy: readonly GroupDim[]): GroupDim[] {
  return [...new Set([...groupBy, ...CELL_DIMS])];
}

/** People served per `provider|month` for the months a report's range overlaps. */
export async function loadServed(
  db: Kysely<Database>,
  from: string | null,
  to: string | null,
): Promise<Map<string, number>> {
  const fromMonth = from?.slice(0, 7);
  const toMonth = to?.slice(0, 7);
  const rows = await db
    .selectFrom('service_volume')
    .select(['provider', 'month', 'served'])
    .where('served', 'is not', null)
    .$if(fromMonth !== undefined, (q) => q.where('month', '>=', fromMonth!))
    .$if(toMonth !== undefined, (q) => q.where('month', '<=', toMonth!))
    .execute();
  return new Map(rows.map((r) => [`${r.provider}|${r.month}`, Number(r.served)]));
}

const cellKey = (g: Group) => `${g.provider ?? ''}|${g.month ?? ''}`;

/** The weights of a selection's cells (every fine group read with provider and month). */
export function selectionWeights(
  fine: readonly GroupCounts[],
  served: ReadonlyMap<string, number>,
  registry: Pick<Registry, 'providers'>,
): Weights {
  const providers = new Map(registry.providers.map((p) => [p.code, p]));
  const cells = new Map<string, WeightCell>();
  for (const g of fine) {
    const key = cellKey(g.group);
    let c = cells.get(key);
    if (!c) {
      const p = g.group.provider ? providers.get(g.group.provider) : undefined;
      c = {
        key,
        region: p?.region ?? null,
        sector: p?.sector ?? null,
        n: 0,
        population: g.group.provider ? (served.get(key) ?? null) : null,
      };
      cells.set(key, c);
    }
    c.n += g.responses;
  }
  return postStratify([...cells.values()]);
}

/** How a selection's weights were made, for the report: the cap and how many cells each way. */
export function weightingSummary(weights: Weights) {
  const cells = { cell: 0, raked: 0, mean: 0, trimmed: 0 };
  for (const c of weights.cells.values()) {
    cells[c.method]++;
    if (c.trimmed) cells.trimmed++;
  }
  return { cap: weights.cap, unrecorded: weights.unrecorded, cells };
}

/** The weighted parts of one 1–5 item in the fine groups of one report group. */
function partsOf(
  fine: readonly GroupCounts[],
  weights: Weights,
  variable: string | null,
): WeightedPart[] {
  return fine.map((g) => {
    const r = topBoxRate(countsOf(g, variable));
    return { weight: weights.cells.get(cellKey(g.group))?.weight ?? 0, x: r.satisfied, m: r.n };
  });
}

export interface WeightedFields {
  weighted: true;
  nEff: number | null;
  designEffect: number | null;
}

/**
 * A score row made weighted: the same n and suppression; `rate`, `ci95` and the flags from the
 * weighted figures; the mean score stays unweighted (docs/weights.md).
 */
export function weightRow<R extends ScoreRow>(
  row: R,
  fine: readonly GroupCounts[],
  weights: Weights,
  variable: string | null,
): R & WeightedFields {
  if (row.suppressed || row.n === null) {
    return { ...row, weighted: true, nEff: null, designEffect: null };
  }
  const w = weightedRate(partsOf(fine, weights, variable));
  return {
    ...row,
    rate: w.rate,
    ci95: w.ci95,
    flags: rateFlags(row.n, w.ci95),
    weighted: true,
    nEff: w.nEff,
    designEffect: w.designEffect,
  };
}

/** The fine groups of each report group, keyed like `JSON.stringify(groupBy values)`. */
export function fineByGroup(
  fine: readonly GroupCounts[],
  groupBy: readonly GroupDim[],
): (group: Group) => GroupCounts[] {
  const key = (g: Group) => JSON.stringify(groupBy.map((d) => g[d] ?? null));
  const by = new Map<string, GroupCounts[]>();
  for (const g of fine) {
    const k = key(g.group);
    let list = by.get(k);
    if (!list) by.set(k, (list = []));
    list.push(g);
  }
  return (group) => by.get(key(group)) ?? [];
}

interface TrendPoint extends ScoreRow {
  period: string | null;
  change: { from: string | null; diff: number; ci95: unknown; significant: boolean } | null;
}

/**
 * A trend made weighted: every point and the overall weighted as above, and each change from the
 * previous period recomputed from the weighted rates (Newcombe's interval from the two Wilson
 * intervals on n_eff). A change is given where the unweighted trend gives one.
 */
export function weightTrend<
  T extends {
    period: 'month' | 'wave';
    overall: ScoreRow;
    series: { group: Group; points: unknown[] }[];
  },
>(
  report: T,
  fine: readonly GroupCounts[],
  groupBy: readonly GroupDim[],
  weights: Weights,
  variable: string | null,
) {
  const of = fineByGroup(fine, groupBy);
  const period = report.period;
  return {
    ...report,
    overall: weightRow(report.overall, fine, weights, variable),
    series: report.series.map((s) => {
      let before: (ScoreRow & WeightedFields) | null = null;
      const points = (s.points as TrendPoint[]).map((p) => {
        const w = weightRow(p, of({ ...s.group, [period]: p.period }), weights, variable);
        let change: TrendPoint['change'] = null;
        if (p.change && before?.rate != null && before.nEff && w.rate !== null && w.nEff) {
          const d = newcombe(w.rate * w.nEff, w.nEff, before.rate * before.nEff, before.nEff);
          if (d) change = { from: p.change.from, ...d };
        }
        before = w;
        return { ...w, change };
      });
      return { ...s, points };
    }),
  };
}
