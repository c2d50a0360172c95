/**
 * The one Database interface: every table Ovoz reads or writes, as Kysely sees it.
 * Migrations (db/migrations) create exactly these tables; they never import this file.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export type Sector = 'state' | 'ngo' | 'private' | 'ppp';
export type Role = 'admin' | 'sociologist' | 'manager';
export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface SettingTable {
  key: string;
  value: string;
}

export interface RegionTable {
  code: string;
  name_uz: string;
  name_uz_cyrl: string;
  name_ru: string;
  name_en: string;
}

export interface DistrictTable {
  code: string;
  region_code: string;
  name_uz: string;
  name_uz_cyrl: string;
  name_ru: string;
  name_en: string;
}

export interface ProviderTable {
  code: string;
  district_code: string;
  region_code: string;
  sector: Sector;
  name_uz: string;
  name_uz_cyrl: string;
  name_ru: string;
  name_en: string;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: Role;
  /** JSON array of region codes a manager may see; null for every region. */
  regions: string | null;
  created_at: string;
}

export interface SurveyTable {
  id: Generated<number>;
  slug: string;
  status: SurveyStatus;
  created_at: string;
}

export interface SurveyVersionTable {
  id: Generated<number>;
  survey_id: number;
  version: number;
  /** The SurveyJS JSON with Ovoz's role annotations, exactly as saved. Never changed. */
  json: string;
  /** sha256 of the canonical JSON text. */
  hash: string;
  created_at: string;
}

export interface ResponseTable {
  /** The UUID the citizen's device made before the first try. */
  id: string;
  survey_id: number;
  version_id: number;
  region: string | null;
  district: string | null;
  provider: string | null;
  sector: Sector | null;
  channel: string | null;
  lang: string;
  /** The validated SurveyJS data: hidden answers dropped. */
  answers: string;
  /** sha256 of what the client sent (answers, lang, context link, version): idempotency. */
  request_hash: string;
  /** Submission time coarsened to the hour, UTC ISO 8601. */
  submitted_at: string;
  /** The local calendar day of submission (YYYY-MM-DD, Uzbekistan time). */
  day: string;
  /** Days from application to service, from a one-time link's service dates, when known. */
  service_days: number | null;
}

/** One combination of grouping dimensions of a rollup cuboid; '' means "not in this cuboid". */
export interface RollupCellTable {
  id: Generated<number>;
  cuboid: string;
  survey_id: number;
  period: string;
  region: string;
  district: string;
  provider: string;
  sector: string;
  channel: string;
  segment: string;
  n: number;
}

/** How many responses of a cell gave `value` to the role-bearing variable `variable`. */
export interface RollupAnswerTable {
  cell_id: number;
  variable: string;
  value: string;
  n: number;
}

/** Driver × satisfaction pairs for driver analysis: the 5×5 tables of counts. */
export interface RollupPairTable {
  cell_id: number;
  driver: string;
  driver_value: number;
  outcome_value: number;
  n: number;
}

export interface Database {
  setting: SettingTable;
  region: RegionTable;
  district: DistrictTable;
  provider: ProviderTable;
  app_user: AppUserTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  response: ResponseTable;
  rollup_cell: RollupCellTable;
  rollup_answer: RollupAnswerTable;
  rollup_pair: RollupPairTable;
}

export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type NewResponse = Insertable<ResponseTable>;
export type Provider = Selectable<ProviderTable>;
export type AppUser = Selectable<AppUserTable>;
