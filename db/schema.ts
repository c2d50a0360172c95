/**
 * The one Database interface: every table Ovoz reads or writes, as Kysely sees it.
 * Migrations (db/migrations) create exactly these tables; they never import this file.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { Dimension, Sector } from '../common/reports/dimensions.js';
import type { DriverColumn, HistogramColumn } from './rollups/layout.js';

export type { Sector };

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
export type RollupCellTable = {
  id: Generated<number>;
  cuboid: string;
  survey_id: number;
  period: string;
  n: number;
} & Record<Dimension, string>;

/**
 * How many responses of a cell gave `value` to the role-bearing variable `variable` — for answers
 * that are not whole numbers (those are in rollup_histogram).
 */
export interface RollupAnswerTable {
  cell_id: number;
  variable: string;
  value: string;
  n: number;
}

/** A cell's driver × satisfaction table: column d{v}s{o} (db/rollup-layout.ts). */
export type RollupDriverTable = { cell_id: number; driver: string } & Record<DriverColumn, number>;

/**
 * A cell's driver × driver tables in one row (db/rollups/layout.ts): `drivers` the driver
 * variables in name order joined by `&`, `counts` the nonzero counts as `offset:count`.
 */
export interface RollupJointTable {
  cell_id: number;
  drivers: string;
  counts: string;
}

/**
 * What live batches added to a cell's `n` and its `rollup_driver`, `rollup_answer`,
 * `rollup_histogram` and `rollup_joint` rows and is not added to them yet: one part per cell and
 * batch (db/rollups/layout.ts) — the responses (`n`), the drivers' 5 × 6 tables as
 * `offset:count` (`drivers`, `counts`), the answer counts and histogram blocks as JSON
 * (`answers`, encodeAnswerPart), and the driver × driver counts (`joint`, encodeJointPart).
 */
export interface RollupPartTable {
  id: Generated<number>;
  cell_id: number;
  n: Generated<number>;
  drivers: string;
  counts: string;
  answers: Generated<string>;
  /** The driver × driver counts, as JSON `[drivers, counts]` per driver list (encodeJointPart). */
  joint: Generated<string>;
}

/** Whole-number answers of a cell, 32 values a row: column n{i} counts `base + i`. */
export type RollupHistogramTable = { cell_id: number; variable: string; base: number } & Record<
  HistogramColumn,
  number
>;

/** A signed-in session. The raw id lives only in the cookie; this row keys on its sha256. */
export interface SessionTable {
  id_hash: string;
  user_id: number;
  /** ms since the epoch */
  created_at: number;
  /** ms since the epoch; refreshed at most once a minute */
  last_seen_at: number;
}

/** Who did what, when: every change made through the admin API or the CLI. */
export interface AuditLogTable {
  id: Generated<number>;
  /** UTC ISO 8601 */
  at: string;
  /** The acting user, or `cli`. */
  username: string;
  /** e.g. `user.create`, `survey.open` */
  action: string;
  target: string | null;
  /** JSON object, or null. */
  details: string | null;
}

/**
 * A short printed code (`/k/7F3Q`) for one survey's link for one provider (server/repos/short-links.ts).
 * `channel` is '' when the link fixes none. `created_at`: ms since the epoch.
 */
export interface ShortLinkTable {
  code: string;
  slug: string;
  provider: string;
  channel: string;
  created_at: number;
}

/**
 * Sign-in failures of one throttled key (server/auth/throttle.ts): an account from one address,
 * an address, an account from many addresses, or a device cookie; the key is an HMAC, never a
 * name or an address. Times are ms since the epoch (64-bit integers, read as numbers on both engines).
 */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  /** Attempts are refused until then; 0 when not blocked. */
  blocked_until: number;
  updated_at: number;
  /** The block whose refused attempts are already in the audit log. */
  reported_until: number;
}

/**
 * A one-time survey link from a service event. Only the sha256 of the raw token is kept, and
 * nothing refers to the response it produced: no response id and no time of use, only a flag.
 */
export interface ServiceTokenTable {
  token_hash: string;
  survey_id: number;
  provider: string;
  region: string;
  district: string;
  service_type: string | null;
  /** YYYY-MM-DD; cleared when the token is redeemed. */
  requested_at: string | null;
  /** YYYY-MM-DD; cleared when the token is redeemed. */
  delivered_at: string | null;
  /** UTC ISO 8601 */
  expires_at: string;
  /** 1 once redeemed, otherwise null. */
  used: number | null;
}

/** A provider IT system's key for POST /api/admin/service-events; only its sha256 is kept. */
export interface ApiKeyTable {
  id: Generated<number>;
  key_hash: string;
  /** The provider code the key may issue links for. */
  provider: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

/** A survey wave: a named, inclusive range of local calendar days (YYYY-MM-DD). Waves may overlap. */
export interface SurveyWaveTable {
  id: Generated<number>;
  survey_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
}

/** A wave's quota of responses from one region; `used` counts those accepted during the wave. */
export interface WaveQuotaTable {
  wave_id: number;
  region: string;
  quota: number;
  used: Generated<number>;
}

/** People served and offered the survey by one provider in one local month (YYYY-MM). */
export interface ServiceVolumeTable {
  provider: string;
  month: string;
  /** null: not recorded (never read as 0). */
  served: number | null;
  /** null: not recorded (never read as 0). */
  offered: number | null;
}

/** People eligible for social services in one area (a region or district code) and year. */
export interface EligiblePopulationTable {
  area: string;
  year: number;
  eligible: number;
}

/**
 * Submissions per (HMAC of an address, minute) for the rate limit, shared by the instances on one
 * PostgreSQL database; rows older than the current minute are deleted. (SQLite counts in memory.)
 */
export interface RateLimitHitTable {
  key: string;
  /** ms since the epoch, a whole minute */
  window_start: number;
  n: number;
}

/** Who saved a survey version, from what, and the state of its translations. */
export interface SurveyVersionMetaTable {
  survey_id: number;
  version: number;
  /** A username, or `file` for a version synced from surveys/. */
  author: string;
  /** `designer`, `file` or `restore`. */
  origin: string;
  /** The version the edit started from (or the one restored). */
  based_on: number | null;
  /** JSON: per text key and language, the source text it was translated from; review flags. */
  translation_state: string | null;
}

/** A reusable question or block of the installation's library (with texts, roles and logic). */
export interface LibraryItemTable {
  id: Generated<number>;
  /** JSON: the item's name per language. */
  title: string;
  /** `question` or `block`. */
  kind: string;
  /** JSON array of SurveyJS elements. */
  elements: string;
  created_by: string;
  created_at: string;
}

/** A version of the perturbation table (server/domain/ptable.ts): its parameters and rows, JSON. */
export interface PtableVersionTable {
  version: number;
  params: string;
  rows: string;
  created_at: string;
}

/**
 * A response's secret record key (a random seed; each count family's key is derived from it) and
 * the month whose frozen blocks counted it. Never exported or shown.
 */
export interface RecordKeyTable {
  response_id: string;
  survey_id: number;
  seed: string;
  /** YYYY-MM */
  block_month: string;
}

/** A month of a survey whose blocks are frozen with a perturbation table version. */
export interface FrozenMonthTable {
  survey_id: number;
  month: string;
  version: number;
  frozen_at: string;
}

/**
 * A protected block of a grid (`dp`: month × district × provider; `rc`: month × region ×
 * channel); dimensions a grid does not keep are ''. `counts` is JSON of the perturbed counts.
 */
export interface FrozenBlockTable {
  id: Generated<number>;
  survey_id: number;
  version: number;
  grid: string;
  month: string;
  region: string;
  district: string;
  provider: string;
  sector: string;
  channel: string;
  n: number;
  counts: string;
}

/** A receiver an admin registered for webhooks (docs/webhooks.md). */
export interface WebhookEndpointTable {
  id: Generated<number>;
  url: string;
  /** JSON array of event names. */
  events: string;
  /** The signing secret (HMAC-SHA256 key), shown to the admin once. */
  secret: string;
  active: number;
  created_at: number;
}

/** Events written by the transaction that caused them, until fanned out to deliveries. */
export interface WebhookOutboxTable {
  id: Generated<number>;
  event: string;
  /** JSON; for response.created, an array: one item per response of the batch. */
  payload: string;
  created_at: number;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint: its body as signed, its attempts and its next try. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  endpoint_id: number;
  /** The idempotency key: the same on every attempt. */
  event_id: string;
  event: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** What was already told (a wave closed, a group below overall), so it is told once. */
export interface WebhookNoticeTable {
  key: string;
  at: number;
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
  rollup_driver: RollupDriverTable;
  rollup_joint: RollupJointTable;
  rollup_part: RollupPartTable;
  rollup_histogram: RollupHistogramTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  sign_in_throttle: SignInThrottleTable;
  service_token: ServiceTokenTable;
  api_key: ApiKeyTable;
  survey_wave: SurveyWaveTable;
  wave_quota: WaveQuotaTable;
  service_volume: ServiceVolumeTable;
  eligible_population: EligiblePopulationTable;
  rate_limit_hit: RateLimitHitTable;
  survey_version_meta: SurveyVersionMetaTable;
  library_item: LibraryItemTable;
  ptable_version: PtableVersionTable;
  record_key: RecordKeyTable;
  frozen_month: FrozenMonthTable;
  frozen_block: FrozenBlockTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_notice: WebhookNoticeTable;
  short_link: ShortLinkTable;
}

export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type NewResponse = Insertable<ResponseTable>;
export type Provider = Selectable<ProviderTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
