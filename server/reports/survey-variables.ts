/**
 * Which rollup variable plays which indicator role in a survey, over all its versions.
 *
 * Rollups are keyed by survey and variable name (the question name, `matrix.row` for a matrix
 * row), not by version, so responses to different versions add up wherever a question kept its
 * name — and its scale: a question whose meaning or scale changes must get a new name. The newest
 * version decides which variable has a role; variables that only older versions had still count.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { affordCrossVariable } from '../ingest/facts.js';
import { roleVariables, type RoleVariable } from '../../common/survey/materialize.js';
import type { SurveyJson } from '../../common/survey/types.js';

export interface IndicatorVariables {
  satisfaction: string | null;
  trust: string | null;
  /** `driver:<name>` roles, in questionnaire order (newest version first). */
  drivers: { name: string; variable: string }[];
  affordability: string | null;
  afford: string | null;
  /** The payment question crossed with its follow-up (counted at ingest: facts.ts). */
  affordCross: string | null;
  deliveryDays: string | null;
  recommend: string | null;
  effort: string | null;
}

export interface ReportSurvey {
  id: number;
  slug: string;
  variables: IndicatorVariables;
}

const SINGLE = {
  satisfaction: 'satisfaction',
  trust: 'trust',
  affordability: 'affordability',
  afford: 'affordability:afford',
  deliveryDays: 'delivery_days',
  recommend: 'recommend',
  effort: 'effort',
} as const;

/** The indicator variables of a survey from its versions' role variables, newest first. */
export function indicatorVariables(
  versions: readonly (readonly RoleVariable[])[],
): IndicatorVariables {
  const out: IndicatorVariables = {
    satisfaction: null,
    trust: null,
    drivers: [],
    affordability: null,
    afford: null,
    affordCross: null,
    deliveryDays: null,
    recommend: null,
    effort: null,
  };
  for (const vars of versions) {
    for (const v of vars) {
      for (const [key, role] of Object.entries(SINGLE) as [keyof typeof SINGLE, string][]) {
        if (v.role === role && out[key] === null) out[key] = v.variable;
      }
      if (v.role.startsWith('driver:')) {
        const name = v.role.slice('driver:'.length);
        if (!out.drivers.some((d) => d.name === name))
          out.drivers.push({ name, variable: v.variable });
      }
    }
  }
  if (out.affordability !== null) out.affordCross = affordCrossVariable(out.affordability);
  return out;
}

/** Per database, the indicator variables of a survey by `surveyId:newest version id`. */
const known = new WeakMap<Kysely<Database>, Map<string, IndicatorVariables>>();

/**
 * The survey a report is about; 404 SurveyNotFound when there is none. Its variables are worked
 * out from every version's questionnaire once per newest version, not on every report.
 */
export async function loadReportSurvey(db: Kysely<Database>, slug: string): Promise<ReportSurvey> {
  const survey = await db
    .selectFrom('survey')
    .select((eb) => [
      'survey.id',
      eb
        .selectFrom('survey_version')
        .select((v) => v.fn.max('survey_version.id').as('newest'))
        .whereRef('survey_version.survey_id', '=', 'survey.id')
        .as('newest'),
    ])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!survey) throw new AppError('SurveyNotFound', `no survey "${slug}"`);
  let cache = known.get(db);
  if (!cache) known.set(db, (cache = new Map()));
  const key = `${survey.id}:${String(survey.newest)}`;
  let variables = cache.get(key);
  if (!variables) {
    const versions = await db
      .selectFrom('survey_version')
      .select('json')
      .where('survey_id', '=', survey.id)
      .orderBy('version', 'desc')
      .execute();
    variables = indicatorVariables(
      versions.map((v) => roleVariables(JSON.parse(v.json) as SurveyJson)),
    );
    cache.set(key, variables);
  }
  return { id: survey.id, slug, variables };
}
