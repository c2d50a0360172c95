/**
 * What the response transaction writes into the webhook outbox (docs/webhooks.md), on either
 * engine: ONE row per committed batch for `response.created` (its payload lists the batch's new
 * responses, never their answers), and one row per wave quota a response filled. The dispatcher
 * (server/webhooks) turns a row into events and deliveries later, outside the hot path.
 */
import type { BulkResponse } from './storage.js';

export const RESPONSE_CREATED = 'response.created';
export const QUOTA_REACHED = 'quota.reached';

/** One new response, as an outbox row lists it: no answers, no id, no language. */
export interface CreatedItem {
  survey_id: number;
  version_id: number;
  region: string | null;
  provider: string | null;
  /** As stored: the UTC hour, or the local day for a one-time link. */
  submitted_at: string;
}

/** A quota a response filled: its wave, survey, region and size. */
export interface QuotaReachedItem {
  wave_id: number;
  survey_id: number;
  region: string;
  quota: number;
}

export interface OutboxRow {
  event: string;
  payload: string;
  created_at: number;
}

/** The outbox row of a batch's new responses, or null when none was created. */
export function createdRow(created: readonly BulkResponse[], at: number): OutboxRow | null {
  if (!created.length) return null;
  const items: CreatedItem[] = created.map((j) => ({
    survey_id: j.row.survey_id,
    version_id: j.row.version_id,
    region: j.row.region,
    provider: j.row.provider,
    submitted_at: j.stamp.hour,
  }));
  return { event: RESPONSE_CREATED, payload: JSON.stringify(items), created_at: at };
}

export function quotaReachedRow(item: QuotaReachedItem, at: number): OutboxRow {
  return { event: QUOTA_REACHED, payload: JSON.stringify(item), created_at: at };
}
