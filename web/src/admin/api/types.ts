/**
 * The shapes the admin app reads from the API (shared/API.md and the routes under server/routes).
 * Types only: the admin bundle carries no server code.
 */
import type { Finding } from '../../../../server/reports/findings';
import type { Change } from '../../../../server/reports/period-change';

export type Role = 'admin' | 'sociologist' | 'manager';
export type Sector = 'state' | 'ngo' | 'private' | 'ppp';
export type Interval = [number, number];

export interface User {
  username: string;
  role: Role;
  regions: string[] | null;
}

/** The API's rate row; `mean` where the row is of a 1–5 item. */
export interface RateRow {
  n: number | null;
  satisfied: number | null;
  rate: number | null;
  ci95: Interval | null;
  suppressed: boolean;
  flags: string[];
  mean?: number | null;
  /** Present on a weighted report (docs/weights.md). */
  weighted?: boolean;
  nEff?: number | null;
  designEffect?: number | null;
}

export type Group = Record<string, string | null>;

export interface ReportEcho {
  survey: string;
  from: string | null;
  to: string | null;
  filters: Record<string, string>;
  k: number;
  groupBy: string[];
  /** Protected (sums of frozen blocks) or exact figures; the whole months protected ones cover. */
  figures?: 'perturbed' | 'exact';
  figuresPeriod?: { from: string; to: string } | null;
}

export interface SatisfactionReport extends ReportEcho {
  weighted?: boolean;
  weighting?: {
    cap: number | null;
    unrecorded: number;
    cells: { cell: number; raked: number; mean: number; trimmed: number };
  };
  overall: RateRow;
  groups: Array<RateRow & { group: Group }>;
}

export interface DeliveryRow {
  n: number | null;
  median: number | null;
  p90: number | null;
  medianCi95: Interval | null;
  p90Ci95: Interval | null;
  quantileDefinition: string;
  suppressed: boolean;
}

export interface AffordabilityRow {
  n: number | null;
  index: number | null;
  ci95: Interval | null;
  informalRate?: { x: number; n: number; rate: number | null; ci95: Interval | null };
  /** preferNotToSay, noAnswer, followUpSkipped with their …Share of every response. */
  itemNonResponse?: Record<string, number | null>;
  suppressed: boolean;
}

export interface KpiRow {
  index: number | null;
  ci95: Interval | null;
  comparable: boolean;
  components: string[];
  missing: string[];
  scores: Record<string, number>;
  weights: Record<string, number>;
  floors: Record<string, number>;
  targets: Record<string, number>;
  interval: string;
}

export interface IndicatorRow {
  satisfaction: RateRow;
  trust: RateRow | null;
  drivers: Record<string, RateRow>;
  nps?: { n: number | null; nps: number | null; ci95: Interval | null; suppressed: boolean };
  ces?: RateRow;
  deliveryTime: DeliveryRow | null;
  affordability: AffordabilityRow | null;
  responseRate: number | null;
  coverage: number | null;
  kpi: KpiRow;
}

export interface IndicatorsReport extends ReportEcho {
  overall: IndicatorRow;
  groups: Array<IndicatorRow & { group: Group }>;
}

export type Quadrant = 'concentrate_here' | 'keep_up' | 'low_priority' | 'above_need' | 'unclear';

export interface DriverResult {
  name: string;
  n: number;
  correlation: number | null;
  p: number | null;
  /** The driver's relative weight (share of satisfaction's variance it explains), or null. */
  importance: number | null;
  /** importance / R²: its share of what the drivers explain together. */
  importanceShare: number | null;
  importanceCi95: Interval | null;
  importanceReason: string | null;
  performance: { n: number; satisfied: number; rate: number; ci95: Interval; mean: number };
  quadrant: Quadrant;
}

export type GroupDrivers =
  | {
      status: 'ok';
      n: number;
      method: string;
      meanImportance: number | null;
      meanPerformance: number;
      rSquared: number | null;
      drivers: DriverResult[];
      excluded: { name: string; n: number | null }[];
    }
  | { status: 'insufficient_data'; n: number | null; minN: number }
  | { status: 'suppressed' };

export interface ConcentrateItem {
  name: string;
  importance: number;
  performance: number;
  ci95: Interval;
}

export interface SystemicGroup {
  group: Group;
  n: number;
  satisfied: number;
  rate: number;
  overallRate: number;
  /** The rate of the rest of the table. */
  restRate: number;
  /** group − rest, the contrast of vsRestCi95 (negative: below the rest). */
  gap: number;
  vsRestCi95: Interval;
  p: number;
  pAdjusted: number;
  concentrateHere: ConcentrateItem[];
}

export interface Comparison {
  state: RateRow;
  nonState: RateRow;
  diff: number | null;
  ci95: Interval | null;
  significant: boolean | null;
  /** The difference within regions (Mantel–Haenszel), beside the crude one. */
  adjustedForRegion?: {
    diff: number;
    ci95: Interval;
    p: number;
    regions: number;
    significant: boolean | null;
  } | null;
}

export interface RatedGroup {
  group: Group;
  x: number;
  n: number;
  rate: number;
  ci95: Interval;
}

export interface BottlenecksReport extends ReportEcho {
  method: string;
  overall: RateRow & { drivers: GroupDrivers };
  groups: Array<RateRow & { group: Group; drivers: GroupDrivers }>;
  systemic: {
    by: string[];
    test: string;
    fdr: { method: string; q: number };
    tested: number;
    groups: SystemicGroup[];
  };
  stateVsNonState: { satisfaction: Comparison; drivers: Record<string, Comparison> };
  regionalDisparity: {
    best: RatedGroup;
    worst: RatedGroup;
    gap: number;
    gapCi95: Interval | null;
    significant: boolean;
    groups: number;
    cv: number | null;
  } | null;
}

export interface TrendPoint extends RateRow {
  period: string | null;
  /** Still running (or cut by the date range): shown, never tested. */
  partial: boolean;
  change: {
    from: string | null;
    diff: number;
    ci95: Interval;
    p: number;
    pAdjusted: number;
    significant: boolean;
  } | null;
}

export interface TrendReport extends ReportEcho {
  period: 'month' | 'wave';
  overall: RateRow;
  significance: { family: string; method: string; partial: string };
  series: Array<{
    group: Group;
    points: TrendPoint[];
    steps: number;
    linearTrend: { chiSquare: number; p: number; slope: number; periods: number } | null;
  }>;
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

export type Names = Record<'uz' | 'uz-Cyrl' | 'ru' | 'en', string>;

export interface Registry {
  regions: { code: string; names: Names }[];
  districts: { code: string; region: string; names: Names }[];
  providers: { code: string; district: string; region: string; sector: Sector; names: Names }[];
}

/** One finding of GET /api/reports/findings (server/reports/findings.ts). */
export type { Finding };

/** A tile's change against the previous comparable period (server/reports/period-change.ts). */
export type TileChange = Change;

export type TileName =
  'satisfaction' | 'trust' | 'kpi' | 'delivery' | 'affordability' | 'responseRate' | 'coverage';

export interface FindingsReport extends ReportEcho {
  findings: Finding[];
  changes: {
    current: { from: string | null; to: string | null };
    previous: { from: string | null; to: string | null };
    tiles: Record<TileName, TileChange | null>;
  };
}
