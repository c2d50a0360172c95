/**
 * GET /api/reports/surveys: the surveys a report can be asked about — open and closed, not drafts
 * (a draft has no responses to report on) — with the title of the newest version. For managers
 * too, who cannot read the survey admin API.
 */
import type { Kysely } from 'kysely';
import type { Database, SurveyStatus } from '../../db/schema.js';
import type { SurveyJson } from '../../common/survey/types.js';

export interface ReportSurveyItem {
  slug: string;
  /** The newest version's title: a text, or texts by language; null when it has none. */
  title: unknown;
  status: Exclude<SurveyStatus, 'draft'>;
  latestVersion: number;
}

export async function reportSurveys(db: Kysely<Database>): Promise<ReportSurveyItem[]> {
  const rows = await db
    .selectFrom('survey as s')
    .innerJoin('survey_version as v', 'v.survey_id', 's.id')
    .select(['s.slug', 's.status', 'v.version', 'v.json'])
    .where('s.status', '!=', 'draft')
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('survey_version as w')
        .select((e) => e.fn.max('w.version').as('max'))
        .whereRef('w.survey_id', '=', 's.id'),
    )
    .orderBy('s.slug')
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    title: (JSON.parse(r.json) as SurveyJson).title ?? null,
    status: r.status === 'open' ? 'open' : 'closed',
    latestVersion: r.version,
  }));
}
