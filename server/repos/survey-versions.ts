/**
 * Survey versions as the designer saves them: compare-and-save against the version the editor
 * started from (so two people editing one draft do not overwrite each other), the JSON kept in
 * the order it was written (type, name and title first, as the sociologist sees it; the hash is
 * of the canonical form, so equal content is still one version), and who saved it from what.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { canonicalJson, sha256 } from '../survey/canonical.js';
import type { SurveyJson } from '../../common/survey/types.js';

export interface VersionMeta {
  version: number;
  createdAt: string;
  author: string | null;
  origin: string | null;
  basedOn: number | null;
}

export interface SaveOptions {
  /** The version the edit started from; a newer one saved meanwhile is a conflict. */
  expected?: number;
  author: string;
  origin: 'designer' | 'restore';
  basedOn?: number | null;
  translationState?: unknown;
}

export type SaveOutcome =
  | { kind: 'created'; version: number }
  | { kind: 'unchanged'; version: number }
  | { kind: 'conflict'; latest: VersionMeta };

/** Every version of a survey with its author and origin, oldest first. */
export async function versionHistory(
  db: Kysely<Database>,
  surveyId: number,
): Promise<VersionMeta[]> {
  const rows = await db
    .selectFrom('survey_version as v')
    .leftJoin('survey_version_meta as m', (j) =>
      j.onRef('m.survey_id', '=', 'v.survey_id').onRef('m.version', '=', 'v.version'),
    )
    .select(['v.version', 'v.created_at', 'm.author', 'm.origin', 'm.based_on'])
    .where('v.survey_id', '=', surveyId)
    .orderBy('v.version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.created_at,
    author: r.author ?? null,
    origin: r.origin ?? null,
    basedOn: r.based_on ?? null,
  }));
}

/** The translation state saved with a version (null when it has none). */
export async function translationState(
  db: Kysely<Database>,
  surveyId: number,
  version: number,
): Promise<unknown> {
  const row = await db
    .selectFrom('survey_version_meta')
    .select('translation_state')
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.translation_state ? (JSON.parse(row.translation_state) as unknown) : null;
}

/** Records who made version `version` (after createSurvey or a file sync). */
export async function noteVersion(
  db: Kysely<Database>,
  surveyId: number,
  version: number,
  meta: { author: string; origin: string; basedOn?: number | null; translationState?: unknown },
): Promise<void> {
  await db
    .insertInto('survey_version_meta')
    .values({
      survey_id: surveyId,
      version,
      author: meta.author,
      origin: meta.origin,
      based_on: meta.basedOn ?? null,
      translation_state:
        meta.translationState === undefined ? null : JSON.stringify(meta.translationState),
    })
    .onConflict((oc) => oc.columns(['survey_id', 'version']).doNothing())
    .execute();
}

/** Saves `json` as the newest version unless it is unchanged, or a newer version than `expected` exists. */
export async function saveDesignerVersion(
  db: Kysely<Database>,
  surveyId: number,
  json: SurveyJson,
  options: SaveOptions,
  now = new Date(),
): Promise<SaveOutcome> {
  const text = JSON.stringify(json);
  const hash = sha256(canonicalJson(json));
  return db.transaction().execute(async (trx) => {
    const latest = await trx
      .selectFrom('survey_version')
      .select(['version', 'hash', 'created_at'])
      .where('survey_id', '=', surveyId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && options.expected !== undefined && latest.version !== options.expected) {
      const meta = await trx
        .selectFrom('survey_version_meta')
        .select(['author', 'origin', 'based_on'])
        .where('survey_id', '=', surveyId)
        .where('version', '=', latest.version)
        .executeTakeFirst();
      return {
        kind: 'conflict' as const,
        latest: {
          version: latest.version,
          createdAt: latest.created_at,
          author: meta?.author ?? null,
          origin: meta?.origin ?? null,
          basedOn: meta?.based_on ?? null,
        },
      };
    }
    if (latest?.hash === hash) return { kind: 'unchanged' as const, version: latest.version };
    const version = (latest?.version ?? 0) + 1;
    await trx
      .insertInto('survey_version')
      .values({ survey_id: surveyId, version, json: text, hash, created_at: now.toISOString() })
      .execute();
    await noteVersion(trx, surveyId, version, {
      author: options.author,
      origin: options.origin,
      basedOn: options.basedOn ?? options.expected ?? latest?.version ?? null,
      translationState: options.translationState,
    });
    return { kind: 'created' as const, version };
  });
}
