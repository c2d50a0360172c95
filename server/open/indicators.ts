/**
 * Open data (docs/open-data.md): per survey, month, region and sector, the satisfaction rate, the
 * coverage and the Social KPI index — from PROTECTED figures only (sums of frozen blocks, the same
 * a manager's report shows), with their intervals widened for the perturbation. Each month is a
 * region × sector table published with its margins (every region, every sector, the whole month),
 * so besides the reports' own suppression (k and complementary cells) the table is closed over its
 * rows and columns (domain/table-suppression.ts): no hidden figure equals a published total less
 * published cells. Hidden rows carry no number at all.
 */
import type { AppDeps } from '../deps.js';
import type { Noise } from '../anonymity/blocks.js';
import { figuresFor, rateNoiseOf } from '../anonymity/figures.js';
import { finishProtected } from '../anonymity/intervals.js';
import { suppressTable } from '../domain/table-suppression.js';
import { topBoxRate } from '../domain/index.js';
import { countsOf, mergeCounts } from '../reports/group-counts.js';
import { indicatorsReport } from '../reports/indicators.js';
import { parseReportQuery } from '../reports/query.js';
import type { Group, GroupCounts } from '../reports/rollup-reader.js';
import { loadServiceVolumes } from '../reports/volumes.js';

export const LICENCE =
  'Creative Commons Attribution 4.0 International (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/';

/** `*`: every region (or sector) together; null: not stated in the responses. */
export const ALL = '*';

export interface OpenRow {
  survey: string;
  month: string;
  region: string | null;
  sector: string | null;
  /** Responses with a satisfaction answer (protected); null when suppressed. */
  n: number | null;
  satisfaction: number | null;
  satisfactionCi95: [number, number] | null;
  coverage: number | null;
  kpi: number | null;
  kpiCi95: [number, number] | null;
  suppressed: boolean;
}

export interface OpenIndicators {
  licence: string;
  figures: 'perturbed';
  k: number;
  generatedFrom: string;
  rows: OpenRow[];
}

type Cell = { counts: GroupCounts; noise: Noise };

const keyOf = (month: string, region: string | null, sector: string | null) =>
  `${month}\u0001${region ?? ''}\u0001${sector ?? ''}`;

/** One month's table: its cells, its margins and the lines they form. */
function monthTable(month: string, cells: readonly Cell[], overallMeanVariance: number) {
  const regions = [...new Set(cells.map((c) => c.counts.group.region ?? null))];
  const sectors = [...new Set(cells.map((c) => c.counts.group.sector ?? null))];
  const members: Cell[] = [...cells];
  const at = new Map(
    cells.map((c, i) => [
      keyOf(month, c.counts.group.region ?? null, c.counts.group.sector ?? null),
      i,
    ]),
  );
  const margin = (region: string | null, sector: string | null, parts: Cell[]) => {
    const group: Group = { month, region, sector };
    members.push({
      counts: mergeCounts(
        parts.map((p) => p.counts),
        group,
      ),
      noise: {
        blocks: parts.reduce((s, p) => s + p.noise.blocks, 0),
        meanVariance: overallMeanVariance,
      },
    });
    return members.length - 1;
  };
  const lines: number[][] = [];
  const regionTotals = regions.map((r) => {
    const idx = sectors.map((s) => at.get(keyOf(month, r, s))).filter((i) => i !== undefined);
    const total = margin(
      r,
      ALL,
      idx.map((i) => cells[i]!),
    );
    lines.push([...idx, total]);
    return total;
  });
  const sectorTotals = sectors.map((s) => {
    const idx = regions.map((r) => at.get(keyOf(month, r, s))).filter((i) => i !== undefined);
    const total = margin(
      ALL,
      s,
      idx.map((i) => cells[i]!),
    );
    lines.push([...idx, total]);
    return total;
  });
  const grand = margin(ALL, ALL, [...cells]);
  lines.push([...regionTotals, grand], [...sectorTotals, grand]);
  return { members, lines };
}

/** The open indicators of one survey, every frozen month. */
async function surveyIndicators(
  deps: Pick<AppDeps, 'db' | 'storage' | 'catalog' | 'registry' | 'config' | 'now'>,
  slug: string,
): Promise<OpenRow[]> {
  const query = parseReportQuery(`http://ovoz/?survey=${encodeURIComponent(slug)}`, 'indicators');
  const { ctx, range, noise } = await figuresFor(deps, { role: 'admin', regions: null }, query);
  if (!noise || !('noiseOf' in ctx)) return [];
  const noiseOf = (ctx as unknown as { noiseOf(g: Group | undefined): Noise }).noiseOf;
  const variables = ctx.survey.variables;
  if (variables.satisfaction === null) return [];
  const read = await ctx.read(['month', 'region', 'sector']);
  const overallNoise = noiseOf(undefined);
  const volumesOfGroup = await loadServiceVolumes(deps.db, await deps.registry.snapshot(), {
    ...query,
    ...range,
    scope: { regions: null },
    waves: [],
  });
  // A margin (`*`) is no filter: every region's, or every sector's, volumes.
  const volumesOf = (g: Group) =>
    volumesOfGroup(Object.fromEntries(Object.entries(g).filter(([, v]) => v !== ALL)));
  const byMonth = new Map<string, Cell[]>();
  for (const g of read) {
    const month = String(g.group.month);
    byMonth.set(month, [...(byMonth.get(month) ?? []), { counts: g, noise: noiseOf(g.group) }]);
  }
  const k = ctx.k;
  const rows: OpenRow[] = [];
  for (const [month, cells] of [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { members, lines } = monthTable(month, cells, overallNoise.meanVariance);
    const groups = members.map((m) => m.counts);
    const grand = groups[groups.length - 1]!;
    const noiseByGroup = new Map<Group, Noise>(members.map((m) => [m.counts.group, m.noise]));
    const cellNoise = (g: Group | undefined) => (g && noiseByGroup.get(g)) || overallNoise;
    // Every interval includes the perturbation's variance (the KPI index's through its parts).
    const report = indicatorsReport(
      variables,
      groups,
      grand,
      k,
      undefined,
      volumesOf,
      rateNoiseOf(cellNoise, deps.config.displayMinN),
    );
    const finished = finishProtected(
      report.groups,
      cellNoise,
      deps.config.displayMinN,
    ) as typeof report.groups;
    // Suppression stands on each row's protected n of the satisfaction question.
    const ns = groups.map((g) => topBoxRate(countsOf(g, variables.satisfaction)).n);
    const hidden = suppressTable(
      ns,
      k,
      lines,
      report.groups.map((r) => r.satisfaction.suppressed),
    );
    finished.forEach((r, i) => {
      const group = members[i]!.counts.group;
      const shown = !hidden[i];
      // Under the display threshold the protected row shows its n only: no rate, and so no
      // figure made from one (the index, the coverage).
      const rated = shown && ns[i]! >= deps.config.displayMinN;
      rows.push({
        survey: slug,
        month,
        region: (group.region ?? null) as string | null,
        sector: (group.sector ?? null) as string | null,
        n: shown ? ns[i]! : null,
        satisfaction: shown ? r.satisfaction.rate : null,
        satisfactionCi95: shown ? (r.satisfaction.ci95 as [number, number] | null) : null,
        coverage: rated ? r.coverage : null,
        kpi: rated ? r.kpi.index : null,
        kpiCi95: rated ? (r.kpi.ci95 as [number, number] | null) : null,
        suppressed: !shown,
      });
    });
  }
  return rows;
}

/** Every open survey with a satisfaction question (a survey without one has no indicators). */
export async function openIndicators(
  deps: Pick<AppDeps, 'db' | 'storage' | 'catalog' | 'registry' | 'config' | 'now'>,
): Promise<OpenIndicators> {
  const surveys = await deps.db
    .selectFrom('survey')
    .select('slug')
    .where('status', '=', 'open')
    .orderBy('slug')
    .execute();
  const rows: OpenRow[] = [];
  for (const { slug } of surveys) {
    rows.push(...(await surveyIndicators(deps, slug)));
  }
  return {
    licence: LICENCE,
    figures: 'perturbed',
    k: deps.config.minCell,
    generatedFrom: 'frozen monthly blocks (protected figures)',
    rows,
  };
}
