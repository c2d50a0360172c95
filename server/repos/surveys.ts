/** Surveys and their immutable versions. */
import type { Kysely } from 'kysely';
import type { Database, SurveyStatus } from '../../db/schema.js';
import { canonicalJson, sha256 } from '../survey/canonical.js';
import type { SurveyJson } from '../../common/survey/types.js';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export async function findSurvey(db: Kysely<Database>, slug: string) {
  return db.selectFrom('survey').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function latestVersion(db: Kysely<Database>, surveyId: number) {
  return db
    .selectFrom('survey_version')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findVersion(db: Kysely<Database>, surveyId: number, version: number) {
  return db
    .selectFrom('survey_version')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export interface SaveResult {
  slug: string;
  version: number;
  created: boolean;
}

/**
 * Stores `json` as the survey's newest version unless it equals the newest one already. A new
 * survey starts with `status`.
 */
export async function saveSurveyVersion(
  db: Kysely<Database>,
  slug: string,
  json: SurveyJson,
  status: SurveyStatus,
  now = new Date(),
): Promise<SaveResult> {
  // Kept as written (type, name, title first); the hash is of the canonical form.
  const text = JSON.stringify(json);
  const hash = sha256(canonicalJson(json));
  return db.transaction().execute(async (trx) => {
    let survey = await trx
      .selectFrom('survey')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!survey) {
      survey = await trx
        .insertInto('survey')
        .values({ slug, status, created_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const latest = await trx
      .selectFrom('survey_version')
      .select(['version', 'hash'])
      .where('survey_id', '=', survey.id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest?.hash === hash) return { slug, version: latest.version, created: false };
    const version = (latest?.version ?? 0) + 1;
    await trx
      .insertInto('survey_version')
      .values({ survey_id: survey.id, version, json: text, hash, created_at: now.toISOString() })
      .execute();
    return { slug, version, created: true };
  });
}
