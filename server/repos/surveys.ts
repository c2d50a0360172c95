/** Surveys and their immutable versions. */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, SurveyStatus } from '../../db/schema.js';
import { canonicalJson, sha256 } from '../survey/canonical.js';
import type { SurveyJson } from '../survey/types.js';
import { getSetting, setSetting } from './settings.js';

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

/**
 * Syncs surveys/*.json: a changed file becomes a new version; an unchanged file changes nothing.
 * "Changed" is measured against the file as last synced, not against the newest version, so a
 * version saved in the designer is not undone by the next restart while its file stays as it was.
 */
export async function syncSurveyFiles(db: Kysely<Database>, dir: string): Promise<SaveResult[]> {
  if (!fs.existsSync(dir)) return [];
  const results: SaveResult[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const slug = file.slice(0, -'.json'.length);
    if (!SLUG_PATTERN.test(slug))
      throw new Error(`surveys/${file}: the file name is not a valid slug`);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      throw new Error(`surveys/${file}: ${(e as Error).message}`, { cause: e });
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new Error(`surveys/${file}: not a SurveyJS JSON object`);
    }
    const status = (json as SurveyJson).ovozStatus === 'open' ? 'open' : 'draft';
    const fileKey = `survey-file:${slug}`;
    const fileHash = sha256(canonicalJson(json));
    if ((await getSetting(db, fileKey)) === fileHash) {
      const latest = await findSurvey(db, slug).then((s) => s && latestVersion(db, s.id));
      if (latest) {
        results.push({ slug, version: latest.version, created: false });
        continue;
      }
    }
    results.push(await saveSurveyVersion(db, slug, json as SurveyJson, status));
    await setSetting(db, fileKey, fileHash);
  }
  return results;
}
