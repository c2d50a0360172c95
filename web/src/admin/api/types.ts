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

export type { Sector } from '../../../../common/reports/dimensions';

export type User = z.output<typeof signedInUser>['user'];
export type Role = User['role'];

/** The API's rate row; `mean` where the row is of a 1–5 item. */
export type RateRow = z.output<typeof reports.rateRow>;

export type SatisfactionReport = z.output<typeof reports.satisfactionReport>;

/** A group of a report: dimension → code, null where the responses did not say. */
export type Group = SatisfactionReport['groups'][number]['group'];

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

/** GET /api/admin/audit: a page of the audit log, and where the next one starts. */
export type AuditPage = z.output<typeof auditList>;
export type AuditEntry = AuditPage['entries'][number];

export type Registry = z.output<typeof reports.reportRegistry>;
/** A registry entry's names in the four languages. */
export type Names = Registry['regions'][number]['names'];

/** GET /api/reports/comments: a page of comments, and the cursor of the next. */
export type CommentsReport = z.output<typeof reports.commentsReport>;
export type CommentItem = CommentsReport['comments'][number];

/** GET /api/reports/surveys: the surveys report filters offer (open and closed). */
export type SurveyChoice = z.output<typeof reports.reportSurveyList>['surveys'][number];

/** GET /api/reports/findings: the findings to act on first, and each tile's change. */
export type FindingsReport = z.output<typeof reports.findingsReport>;
export type Finding = FindingsReport['findings'][number];
export type TileName = keyof FindingsReport['changes']['tiles'];
export type TileChange = NonNullable<FindingsReport['changes']['tiles'][TileName]>;
