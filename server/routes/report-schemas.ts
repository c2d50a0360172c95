/**
 * What the report routes of server/routes/reports.ts answer, as zod schemas: the API's
 * description (server/http/openapi.ts) is made from them, the tests check every report they
 * receive against that description, and the admin app reads its report types from them
 * (web/src/admin/api/types.ts). A field renamed in a report and not here fails those tests.
 */
import { z } from 'zod';
import { GROUP_BY } from '../reports/query.js';
import { districtSchema, providerSchema, regionSchema } from './admin-registry.js';

const num = z.number();
const interval = z.tuple([num, num]).meta({ id: 'Interval' });
const group = z.record(z.string(), z.string().nullable()).describe('The group: dimension → code');

/** A rate: suppressed (n < k) rows have n, satisfied, rate and ci95 null. */
export const rateRow = z
  .object({
    n: num.nullable(),
    satisfied: num.nullable(),
    rate: num.nullable(),
    ci95: interval.nullable(),
    suppressed: z.boolean(),
    flags: z.array(z.string()),
    mean: num.nullable().optional(),
    weighted: z.boolean().optional(),
    nEff: num.nullable().optional(),
    designEffect: num.nullable().optional(),
  })
  .meta({ id: 'RateRow' });

const figuresPeriod = z.object({ from: z.string(), to: z.string() }).nullable().optional();

/** What every report echoes: its survey, dates, filters, k and what its figures are. */
const echo = z.object({
  survey: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  filters: z.record(z.string(), z.string()),
  k: num,
  groupBy: z.array(z.enum(GROUP_BY)),
  figures: z.enum(['perturbed', 'exact']).optional(),
  /** Protected figures: the whole closed periods they cover (null: none). */
  period: figuresPeriod,
  /** The same, for the trend report, whose `period` says month or wave. */
  figuresPeriod,
});

const weighting = z.object({
  cap: num.nullable(),
  unrecorded: num,
  cells: z.object({ cell: num, raked: num, mean: num, trimmed: num }),
});

export const satisfactionReport = echo
  .extend({
    weighted: z.boolean().optional(),
    weighting: weighting.optional(),
    overall: rateRow,
    groups: z.array(rateRow.extend({ group })),
  })
  .meta({ id: 'SatisfactionReport' });

const deliveryRow = z.object({
  n: num.nullable(),
  median: num.nullable(),
  p90: num.nullable(),
  medianCi95: interval.nullable(),
  p90Ci95: interval.nullable(),
  quantileDefinition: z.string(),
  suppressed: z.boolean(),
});

const affordabilityRow = z.object({
  n: num.nullable(),
  index: num.nullable(),
  ci95: interval.nullable(),
  informalRate: z
    .object({ x: num, n: num, rate: num.nullable(), ci95: interval.nullable() })
    .optional(),
  itemNonResponse: z.record(z.string(), num.nullable()).optional(),
  suppressed: z.boolean(),
});

const kpiRow = z.object({
  index: num.nullable(),
  ci95: interval.nullable(),
  comparable: z.boolean(),
  components: z.array(z.string()),
  missing: z.array(z.string()),
  scores: z.record(z.string(), num),
  weights: z.record(z.string(), num),
  floors: z.record(z.string(), num),
  targets: z.record(z.string(), num),
  interval: z.string(),
});

const indicatorRow = z
  .object({
    satisfaction: rateRow,
    trust: rateRow.nullable(),
    drivers: z.record(z.string(), rateRow),
    nps: z
      .object({
        n: num.nullable(),
        nps: num.nullable(),
        ci95: interval.nullable(),
        suppressed: z.boolean(),
      })
      .optional(),
    ces: rateRow.optional(),
    deliveryTime: deliveryRow.nullable(),
    affordability: affordabilityRow.nullable(),
    responseRate: num.nullable(),
    coverage: num.nullable(),
    kpi: kpiRow,
  })
  .meta({ id: 'IndicatorRow' });

export const indicatorsReport = echo
  .extend({
    weighted: z.literal(false).optional(),
    overall: indicatorRow,
    groups: z.array(indicatorRow.extend({ group })),
  })
  .meta({ id: 'IndicatorsReport' });

const quadrant = z.enum(['concentrate_here', 'keep_up', 'low_priority', 'above_need', 'unclear']);

const driverResult = z.object({
  name: z.string(),
  n: num,
  correlation: num.nullable(),
  p: num.nullable(),
  importance: num.nullable(),
  importanceShare: num.nullable(),
  importanceCi95: interval.nullable(),
  importanceReason: z.string().nullable(),
  performance: z.object({ n: num, satisfied: num, rate: num, ci95: interval, mean: num }),
  quadrant,
});

const groupDrivers = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('ok'),
      n: num,
      method: z.string(),
      meanImportance: num.nullable(),
      meanPerformance: num,
      rSquared: num.nullable(),
      drivers: z.array(driverResult),
      excluded: z.array(z.object({ name: z.string(), n: num.nullable() })),
    }),
    z.object({ status: z.literal('insufficient_data'), n: num.nullable(), minN: num }),
    z.object({ status: z.literal('suppressed') }),
  ])
  .meta({ id: 'GroupDrivers' });

const systemicGroup = z.object({
  group,
  n: num,
  satisfied: num,
  rate: num,
  overallRate: num,
  restRate: num,
  gap: num,
  vsRestCi95: interval,
  p: num,
  pAdjusted: num,
  concentrateHere: z.array(
    z.object({ name: z.string(), importance: num, performance: num, ci95: interval }),
  ),
});

const comparison = z.object({
  state: rateRow,
  nonState: rateRow,
  diff: num.nullable(),
  ci95: interval.nullable(),
  significant: z.boolean().nullable(),
  adjustedForRegion: z
    .object({
      diff: num,
      ci95: interval,
      p: num,
      regions: num,
      significant: z.boolean().nullable(),
    })
    .nullable()
    .optional(),
});

const ratedGroup = z.object({ group, x: num, n: num, rate: num, ci95: interval });

export const bottlenecksReport = echo
  .extend({
    weighted: z.literal(false).optional(),
    method: z.string(),
    overall: rateRow.extend({ drivers: groupDrivers }),
    groups: z.array(rateRow.extend({ group, drivers: groupDrivers })),
    systemic: z.object({
      by: z.array(z.string()),
      test: z.string(),
      fdr: z.object({ method: z.string(), q: num }),
      tested: num,
      groups: z.array(systemicGroup),
    }),
    stateVsNonState: z.object({
      satisfaction: comparison,
      drivers: z.record(z.string(), comparison),
    }),
    regionalDisparity: z
      .object({
        best: ratedGroup,
        worst: ratedGroup,
        gap: num,
        gapCi95: interval.nullable(),
        significant: z.boolean(),
        groups: num,
        cv: num.nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'BottlenecksReport' });

/**
 * One figure of a trend: a satisfaction point is a rate row; another indicator's point has its
 * `value` (a rate's `x` of `n`, a median's days, an index, an NPS) and its interval.
 */
const trendFigure = rateRow.partial({ satisfied: true, rate: true, flags: true }).extend({
  value: num.nullable().optional(),
  x: num.nullable().optional(),
  components: z.array(z.string()).optional(),
  includesPerturbation: z.literal(true).optional(),
});

const trendPoint = trendFigure.extend({
  period: z.string().nullable(),
  partial: z.boolean(),
  change: z
    .object({
      from: z.string().nullable(),
      diff: num,
      /** Null for a ratio of recorded volumes (response rate, coverage): no interval, no test. */
      ci95: interval.nullable(),
      /** Absent on a weighted trend: its change is judged by its interval (Newcombe on n_eff). */
      p: num.optional(),
      pAdjusted: num.optional(),
      significant: z.boolean(),
    })
    .nullable(),
});

export const trendReport = echo
  .extend({
    weighted: z.boolean().optional(),
    weighting: weighting.optional(),
    /** The indicator followed, its unit, and the indicators this survey can follow. */
    indicator: z.string(),
    unit: z.enum(['share', 'nps', 'days', 'index']),
    indicators: z.array(z.string()),
    period: z.enum(['month', 'wave']),
    overall: trendFigure,
    significance: z.object({ family: z.string(), method: z.string(), partial: z.string() }),
    series: z.array(
      z.object({
        group,
        points: z.array(trendPoint),
        steps: num,
        /**
         * The test for linear trend across the series' complete, shown periods: rates by the
         * chi-square test (Armitage); the delivery-time median by Armitage's test on the share
         * of answers at or below the pooled median (`splitAt`, days; `slope`: change of that
         * share per period); an index or an NPS by the inverse-variance weighted slope, with
         * `slopeSe`, `slopeCi95` and `z`. `method` names which.
         */
        linearTrend: z
          .object({
            chiSquare: num,
            p: num,
            slope: num,
            periods: num,
            method: z.string().optional(),
            slopeSe: num.optional(),
            slopeCi95: interval.optional(),
            z: num.optional(),
            splitAt: num.optional(),
          })
          .nullable(),
        /** Why `linearTrend` is null. */
        linearTrendReason: z
          .enum(['too_few_periods', 'no_variation', 'no_interval'])
          .optional()
          .describe(
            'Why linearTrend is null: too few complete, shown periods (2 for rates, 3 otherwise); every answer the same; or too few of the periods have an interval (ratios of recorded volumes never do, a median of few answers may not)',
          ),
      }),
    ),
  })
  .meta({ id: 'TrendReport' });

export const commentsReport = z
  .object({
    survey: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    filters: z.record(z.string(), z.string()),
    k: num,
    suppressed: z.boolean(),
    comments: z.array(
      z.object({
        text: z.string(),
        month: z.string(),
        lang: z.string(),
        group: z.object({
          region: z.string().nullable(),
          sector: z.string().nullable(),
          provider: z.string().optional(),
        }),
        satisfaction: num.nullable().describe("The respondent's overall satisfaction, 1–5"),
        lowest: z.array(z.string()).describe('The drivers they rated lowest'),
        lowestScore: num.nullable().describe('That lowest score'),
      }),
    ),
    next: z.string().nullable(),
    figures: z.enum(['perturbed', 'exact']).optional(),
    period: figuresPeriod,
    figuresPeriod,
  })
  .meta({ id: 'CommentsReport' });

export const reportSurveyList = z.object({
  surveys: z.array(
    z.object({
      slug: z.string(),
      title: z.unknown(),
      status: z.enum(['open', 'closed']),
      latestVersion: num,
    }),
  ),
});

export const reportRegistry = z
  .object({
    regions: z.array(regionSchema),
    districts: z.array(districtSchema),
    providers: z.array(providerSchema),
  })
  .meta({ id: 'Registry' });

const findingDriver = z.object({ name: z.string(), performance: num.nullable() });
const tileChange = z
  .object({
    diff: num,
    ci95: interval.nullable(),
    significant: z.boolean(),
    p: num.optional(),
    pAdjusted: num.optional(),
    method: z.enum(['newcombe', 'normal from the two intervals', 'none']),
  })
  .nullable();
const days = z.object({ from: z.string().nullable(), to: z.string().nullable() });

/** GET /api/reports/findings: what the dashboard opens with (server/reports/findings.ts). */
export const findingsReport = echo.extend({
  ranking: z.string().describe('How the findings are ranked, in words'),
  findings: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.enum(['region-below', 'provider-below']),
        code: z.string(),
        n: num,
        rate: num.nullable(),
        restRate: num.nullable(),
        gap: num,
        ci95: interval.nullable(),
        driver: findingDriver.nullable(),
        weight: num,
      }),
      z.object({
        kind: z.literal('change'),
        direction: z.enum(['down', 'up']),
        period: z.string(),
        from: z.string().nullable(),
        rate: num.nullable(),
        n: num,
        diff: num,
        ci95: interval.nullable(),
        weight: num,
      }),
    ]),
  ),
  changes: z.object({
    current: days,
    previous: days,
    tiles: z.object({
      satisfaction: tileChange,
      trust: tileChange,
      kpi: tileChange,
      delivery: tileChange,
      affordability: tileChange,
      responseRate: tileChange,
      coverage: tileChange,
    }),
  }),
});
