/**
 * The shapes the admin app reads from the API. Types only, and taken from the zod schemas the
 * server describes its answers with (server/routes/*: the same schemas make docs/openapi.json,
 * and the tests check every answer against it): a field renamed on the server breaks this
 * app's build. The admin bundle carries no server code.
 */
import type { z } from 'zod';
import type * as reports from '../../../../server/routes/report-schemas';
import type { signedInUser } from '../../../../server/routes/auth';
import type { auditList } from '../../../../server/routes/admin-users';

export type Role = 'admin' | 'sociologist' | 'manager';
export type { Sector } from '../../../../common/reports/dimensions';
export type Interval = [number, number];

export type User = z.output<typeof signedInUser>['user'];

/** The API's rate row; `mean` where the row is of a 1–5 item. */
export type RateRow = z.output<typeof reports.rateRow>;

export type Group = Record<string, string | null>;

export type SatisfactionReport = z.output<typeof reports.satisfactionReport>;

/** What every report echoes: survey, dates, filters, k, groupBy and what its figures are. */
export type ReportEcho = Pick<
  SatisfactionReport,
  'survey' | 'from' | 'to' | 'filters' | 'k' | 'groupBy' | 'figures' | 'figuresPeriod'
>;

export type IndicatorsReport = z.output<typeof reports.indicatorsReport>;
export type IndicatorRow = IndicatorsReport['overall'];
export type DeliveryRow = NonNullable<IndicatorRow['deliveryTime']>;
export type AffordabilityRow = NonNullable<IndicatorRow['affordability']>;
export type KpiRow = IndicatorRow['kpi'];

export type BottlenecksReport = z.output<typeof reports.bottlenecksReport>;
export type GroupDrivers = BottlenecksReport['overall']['drivers'];
export type DriverResult = Extract<GroupDrivers, { status: 'ok' }>['drivers'][number];
export type Quadrant = DriverResult['quadrant'];
export type SystemicGroup = BottlenecksReport['systemic']['groups'][number];
export type ConcentrateItem = SystemicGroup['concentrateHere'][number];
export type Comparison = BottlenecksReport['stateVsNonState']['satisfaction'];
export type RatedGroup = NonNullable<BottlenecksReport['regionalDisparity']>['best'];

export type TrendReport = z.output<typeof reports.trendReport>;
export type TrendPoint = TrendReport['series'][number]['points'][number];

export type AuditEntry = z.output<typeof auditList>['entries'][number];

export type Names = Record<'uz' | 'uz-Cyrl' | 'ru' | 'en', string>;

export type Registry = z.output<typeof reports.reportRegistry>;

/** GET /api/reports/findings: the findings to act on first, and each tile's change. */
export type FindingsReport = z.output<typeof reports.findingsReport>;
export type Finding = FindingsReport['findings'][number];
export type TileName = keyof FindingsReport['changes']['tiles'];
export type TileChange = NonNullable<FindingsReport['changes']['tiles'][TileName]>;
