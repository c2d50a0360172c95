/** Surveys as the admin API sees them: lists, creation, status. Plain functions over Kysely. */
import type { Kysely } from 'kysely';
import type { Database, SurveyStatus } from '../../db/schema.js';
import { canonicalJson, sha256 } from '../survey/canonical.js';
import type { SurveyJson } from '../../common/survey/types.js';

export interface VersionInfo {
  version: number;
  createdAt: string;
}

export interface SurveySummary {
  id: number;
  slug: string;
  status: SurveyStatus;
  title: unknown;
  latestVersion: number | null;
  versions: VersionInfo[];
  responses: number;
}

function titleOf(jsonText: string | undefined): unknown {
  if (jsonText === undefined) return null;
  return (JSON.parse(jsonText) as SurveyJson).title ?? null;
}

export async function listVersions(db: Kysely<Database>, surveyId: number): Promise<VersionInfo[]> {
  const rows = await db
    .selectFrom('survey_version')
    .select(['version', 'created_at'])
    .where('survey_id', '=', surveyId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: r.version, createdAt: r.created_at }));
}

/** Every survey with its versions, the title of its newest version and its number of responses. */
export async function listSurveys(db: Kysely<Database>): Promise<SurveySummary[]> {
  const [surveys, versions, counts] = await Promise.all([
    db.selectFrom('survey').selectAll().orderBy('slug').execute(),
    db
      .selectFrom('survey_version')
      .select(['survey_id', 'version', 'created_at'])
      .orderBy('survey_id')
      .orderBy('version')
      .execute(),
    db
      .selectFrom('response')
      .select((eb) => ['survey_id', eb.fn.countAll<number>().as('n')])
      .groupBy('survey_id')
      .execute(),
  ]);
  const latestIds = new Map<number, number>();
  for (const v of versions) latestIds.set(v.survey_id, v.version);
  const latest = await db
    .selectFrom('survey_version as v')
    .select(['v.survey_id', 'v.json'])
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('survey_version as w')
        .select((e) => e.fn.max('w.version').as('max'))
        .whereRef('w.survey_id', '=', 'v.survey_id'),
    )
    .execute();
  const latestJson = new Map(latest.map((r) => [r.survey_id, r.json]));
  return surveys.map((s) => ({
    id: s.id,
    slug: s.slug,
    status: s.status,
    title: titleOf(latestJson.get(s.id)),
    latestVersion: latestIds.get(s.id) ?? null,
    versions: versions
      .filter((v) => v.survey_id === s.id)
      .map((v) => ({ version: v.version, createdAt: v.created_at })),
    responses: Number(counts.find((c) => c.survey_id === s.id)?.n ?? 0),
  }));
}

/** A new draft survey with `json` as version 1; null when the slug is taken. */
export async function createSurvey(
  db: Kysely<Database>,
  slug: string,
  json: SurveyJson,
  now = new Date(),
): Promise<{ id: number; version: 1 } | null> {
  // Kept as written (type, name, title first); the hash is of the canonical form.
  const text = JSON.stringify(json);
  return db.transaction().execute(async (trx) => {
    const survey = await trx
      .insertInto('survey')
      .values({ slug, status: 'draft', created_at: now.toISOString() })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!survey) return null;
    await trx
      .insertInto('survey_version')
      .values({
        survey_id: survey.id,
        version: 1,
        json: text,
        hash: sha256(canonicalJson(json)),
        created_at: now.toISOString(),
      })
      .execute();
    return { id: survey.id, version: 1 as const };
  });
}

export async function setSurveyStatus(
  db: Kysely<Database>,
  surveyId: number,
  status: SurveyStatus,
): Promise<void> {
  await db.updateTable('survey').set({ status }).where('id', '=', surveyId).execute();
}
