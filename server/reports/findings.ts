/**
 * "Act on this first" (shared/METRICS.md, Findings): the few facts a manager should act on,
 * ranked, each standing on a test another report already made and pointing at its evidence.
 *
 * - A region or provider significantly below the rest (the bottleneck report's systemic test:
 *   two-proportion z-test against the rest, Benjamini–Hochberg over the table), with the driver
 *   to concentrate on there (highest importance among the drivers in `concentrate_here`).
 * - A significant change of satisfaction between the last two complete periods (the trend
 *   report's step, Benjamini–Hochberg over the steps of the series).
 *
 * Ranked by the number of respondents behind the finding: for a group below the rest, how many
 * more of its respondents would be satisfied at the rest's rate (−gap × n); for a change, the
 * change times the respondents of the period (|diff| × n). A provider whose whole region is
 * already a finding for the same driver adds nothing to it and is left out. Pure.
 */

/** A driver to concentrate on: its name and the share who rated it well. */
export interface FindingDriver {
  name: string;
  /** Share rating the driver 4–5 in that group; null when not shown. */
  performance: number | null;
}

/** One group of the systemic test as the bottleneck report gives it. */
export interface SystemicGroupInput {
  group: Record<string, string | null>;
  n: number;
  rate: number | null;
  restRate: number | null;
  gap: number;
  vsRestCi95: readonly [number, number] | null;
  concentrateHere: readonly { name: string; performance: number | null }[];
}

/** The last step of the satisfaction trend (series of the whole selection). */
export interface TrendStepInput {
  period: string;
  from: string | null;
  rate: number | null;
  n: number | null;
  diff: number;
  ci95: readonly [number, number] | null;
  significant: boolean;
}

export interface FindingsInput {
  /** Systemic bottlenecks by region. */
  regions: readonly SystemicGroupInput[];
  /** Systemic bottlenecks by provider. */
  providers: readonly SystemicGroupInput[];
  /** The region of each provider (registry); a provider missing here is kept. */
  regionOf: (provider: string) => string | null;
  /** The latest step of the overall trend, if any. */
  lastStep: TrendStepInput | null;
}

interface BelowFinding {
  kind: 'region-below' | 'provider-below';
  /** Region or provider code. */
  code: string;
  n: number;
  rate: number | null;
  restRate: number | null;
  gap: number;
  ci95: readonly [number, number] | null;
  driver: FindingDriver | null;
  /** Respondents who would be satisfied at the rest's rate: the ranking key. */
  weight: number;
}

interface ChangeFinding {
  kind: 'change';
  direction: 'down' | 'up';
  period: string;
  from: string | null;
  rate: number | null;
  n: number;
  diff: number;
  ci95: readonly [number, number] | null;
  weight: number;
}

export type Finding = BelowFinding | ChangeFinding;

/** How many findings a dashboard opens with. */
export const TOP_FINDINGS = 3;

function below(kind: BelowFinding['kind'], code: string, g: SystemicGroupInput): BelowFinding {
  const top = g.concentrateHere[0];
  return {
    kind,
    code,
    n: g.n,
    rate: g.rate,
    restRate: g.restRate,
    gap: g.gap,
    ci95: g.vsRestCi95,
    driver: top ? { name: top.name, performance: top.performance } : null,
    weight: Math.max(0, -g.gap) * g.n,
  };
}

/** Every finding, most important first; ties keep region before provider before change. */
export function rankFindings(input: FindingsInput, top = TOP_FINDINGS): Finding[] {
  const regions = input.regions
    .filter((g) => g.group.region && g.gap < 0)
    .map((g) => below('region-below', g.group.region!, g));
  const regionDriver = new Map(regions.map((r) => [r.code, r.driver?.name ?? null]));
  const providers = input.providers
    .filter((g) => g.group.provider && g.gap < 0)
    .filter((g) => {
      const region = input.regionOf(g.group.provider!);
      if (region === null || !regionDriver.has(region)) return true;
      // Its region is a finding already: kept only when this provider's driver is another one.
      const driver = g.concentrateHere[0]?.name ?? null;
      return driver !== null && driver !== regionDriver.get(region);
    })
    .map((g) => below('provider-below', g.group.provider!, g));
  const changes: ChangeFinding[] = [];
  const step = input.lastStep;
  if (step && step.significant && step.diff !== 0 && step.n) {
    changes.push({
      kind: 'change',
      direction: step.diff < 0 ? 'down' : 'up',
      period: step.period,
      from: step.from,
      rate: step.rate,
      n: step.n,
      diff: step.diff,
      ci95: step.ci95,
      weight: Math.abs(step.diff) * step.n,
    });
  }
  const order = { 'region-below': 0, 'provider-below': 1, change: 2 } as const;
  return [...regions, ...providers, ...changes]
    .filter((f) => f.weight > 0)
    .sort((a, b) => b.weight - a.weight || order[a.kind] - order[b.kind])
    .slice(0, top);
}
