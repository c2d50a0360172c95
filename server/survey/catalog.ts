/**
 * Survey versions ready to serve: the stored JSON materialized with the registry's choices and
 * Cyrillic texts filled in, and its answer validator compiled once. Cached per version; the cache
 * is dropped, on every instance on the database, when the registry or a survey's status changes.
 */
import type { Kysely } from 'kysely';
import type { Database, SurveyStatus } from '../../db/schema.js';
import type { ChangeFeed } from '../../db/storage.js';
import { AppError } from '../errors.js';
import { log } from '../log.js';
import { serveValidator, type ServedValidator } from '../ingest/served-validator.js';
import type { RoleVariable } from '../ingest/facts.js';
import type { CurrentRegistry } from '../registry/current.js';
import { findSurvey, findVersion, latestVersion } from '../repos/surveys.js';
import { materialize, roleVariables } from '../../common/survey/materialize.js';
import { fillCyrillic } from '../../common/survey/translit.js';
import { LANGUAGES, type Lang, type SurveyJson } from '../../common/survey/types.js';

export interface ReadyVersion {
  id: number;
  surveyId: number;
  version: number;
  /** What the citizen's browser renders. */
  json: SurveyJson;
  title: unknown;
  languages: Lang[];
  validator: ServedValidator;
  roles: RoleVariable[];
}

export interface SurveyEntry {
  id: number;
  slug: string;
  status: SurveyStatus;
  latest: ReadyVersion;
}

function languagesOf(json: SurveyJson): Lang[] {
  const title = json.title;
  if (title && typeof title === 'object') {
    const keys = Object.keys(title);
    const langs = LANGUAGES.filter(
      (l) => keys.includes(l) || (l === 'uz-Cyrl' && keys.includes('uz')),
    );
    if (langs.length) return langs;
  }
  return [...LANGUAGES];
}

/**
 * The version's validator; a version that cannot be checked (stored before a check it fails, e.g.
 * an answer format that could backtrack for minutes) is never served: 503, and one log line.
 */
async function servable(row: { survey_id: number; version: number }, json: SurveyJson) {
  try {
    return await serveValidator(json);
  } catch (e) {
    // The validating worker busy or restarting: this passes.
    if (e instanceof AppError && e.code === 'Unavailable') throw e;
    log.error('survey version cannot be served', {
      surveyId: row.survey_id,
      version: row.version,
      error: (e as Error).message,
    });
    throw new AppError(
      'Unavailable',
      'this survey cannot be answered now: its questionnaire must be corrected',
      undefined,
      3600,
    );
  }
}

export class SurveyCatalog {
  /** Compiled versions by version id; a version never changes, only the registry it shows. */
  private versions = new Map<number, Promise<ReadyVersion>>();
  /** Earlier versions a citizen's page may still carry, by `surveyId:version`. */
  private earlier = new Map<string, Promise<ReadyVersion>>();
  private surveys = new Map<string, Promise<SurveyEntry | null>>();

  /**
   * `changes` tells every instance on the database what changed, this one included: each drops
   * what it cached of it. A registry change (`registry.invalidate()`) drops every compiled
   * version, so each shows the new registry.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes: ChangeFeed,
    private readonly registry: CurrentRegistry,
  ) {
    changes.subscribe((topic) => {
      if (topic === 'registry') {
        this.versions.clear();
        this.earlier.clear();
      }
      this.surveys.clear();
    });
  }

  /** Call after a survey was created, given a version, opened or closed. */
  invalidateSurveys(): Promise<void> {
    return this.changes.publish('surveys');
  }

  /** The compiled form of a stored version: built once, however many ask at the same time. */
  private ready(row: {
    id: number;
    survey_id: number;
    version: number;
    json: string;
  }): Promise<ReadyVersion> {
    let ready = this.versions.get(row.id);
    if (!ready) {
      ready = (async (): Promise<ReadyVersion> => {
        const stored = JSON.parse(row.json) as SurveyJson;
        const json = fillCyrillic(
          materialize(stored, await this.registry.snapshot()),
        ) as SurveyJson;
        return {
          id: row.id,
          surveyId: row.survey_id,
          version: row.version,
          json,
          title: json.title ?? null,
          languages: languagesOf(stored),
          validator: await servable(row, json),
          roles: roleVariables(json),
        };
      })();
      ready.catch(() => this.versions.delete(row.id));
      this.versions.set(row.id, ready);
    }
    return ready;
  }

  /** The survey and its newest version; null when there is no such survey. */
  bySlug(slug: string): Promise<SurveyEntry | null> {
    let entry = this.surveys.get(slug);
    if (!entry) {
      entry = (async () => {
        const survey = await findSurvey(this.db, slug);
        if (!survey) return null;
        const latest = await latestVersion(this.db, survey.id);
        if (!latest) return null;
        return { id: survey.id, slug, status: survey.status, latest: await this.ready(latest) };
      })();
      entry.catch(() => this.surveys.delete(slug));
      this.surveys.set(slug, entry);
    }
    return entry;
  }

  /** An open survey, or the error a citizen should see. */
  async openSurvey(slug: string): Promise<SurveyEntry> {
    const survey = await this.bySlug(slug);
    if (!survey || survey.status === 'draft')
      throw new AppError('SurveyNotFound', `no survey "${slug}"`);
    if (survey.status === 'closed') throw new AppError('SurveyClosed', 'this survey is closed');
    return survey;
  }

  /** A given version of a survey (the one the citizen's page was given). */
  async version(survey: SurveyEntry, version: number | undefined): Promise<ReadyVersion> {
    if (version === undefined || version === survey.latest.version) return survey.latest;
    const key = `${survey.id}:${version}`;
    let ready = this.earlier.get(key);
    if (!ready) {
      ready = (async () => {
        const row = await findVersion(this.db, survey.id, version);
        if (!row) {
          throw new AppError('InvalidBody', `survey "${survey.slug}" has no version ${version}`, [
            { name: 'version', message: 'unknown version' },
          ]);
        }
        return this.ready(row);
      })();
      ready.catch(() => this.earlier.delete(key));
      this.earlier.set(key, ready);
    }
    return ready;
  }
}
