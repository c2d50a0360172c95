/**
 * Outbox rows to events, and events to deliveries (docs/webhooks.md). An event is
 * `{ id, type, created, data }`; its id is the idempotency key a receiver deduplicates by, the same
 * on every attempt and derived from the outbox row (keyed with the installation's secret, so two
 * databases never make the same id), so fanning out the same row twice (two instances at once, or
 * again after a crash) makes no second delivery.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  QUOTA_REACHED,
  RESPONSE_CREATED,
  type CreatedItem,
  type QuotaReachedItem,
} from '../../db/outbox.js';
import type { Database } from '../../db/schema.js';

export const WEBHOOK_EVENTS = [
  'response.created',
  'wave.closed',
  'quota.reached',
  'bottleneck.detected',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface EventBody {
  id: string;
  type: string;
  /** When it happened (ISO 8601). */
  created: string;
  data: Record<string, unknown>;
}

/** Outbox rows fanned out per transaction; deliveries inserted per statement. */
const ROWS_PER_FAN_OUT = 100;
const DELIVERIES_PER_INSERT = 500;

export const eventId = (secret: string, source: string) =>
  `evt_${createHmac('sha256', secret).update(`webhook-event:${source}`).digest('hex').slice(0, 32)}`;

type OutboxRow = { id: number; event: string; payload: string; created_at: number };
type Versions = Map<number, { survey: string; version: number }>;

async function versionsOf(db: Kysely<Database>, ids: number[]): Promise<Versions> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('survey_version as v')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .select(['v.id', 's.slug', 'v.version'])
    .where('v.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { survey: r.slug, version: r.version }]));
}

async function slugsOf(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('survey')
    .select(['id', 'slug'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.slug]));
}

/** The events of some outbox rows, in order. */
async function eventsOf(
  db: Kysely<Database>,
  rows: readonly OutboxRow[],
  secret: string,
): Promise<EventBody[]> {
  const parsed = rows.map((r) => ({ row: r, payload: JSON.parse(r.payload) as unknown }));
  const created = parsed
    .filter((p) => p.row.event === RESPONSE_CREATED)
    .flatMap((p) => p.payload as CreatedItem[]);
  const quotas = parsed
    .filter((p) => p.row.event === QUOTA_REACHED)
    .map((p) => p.payload as QuotaReachedItem);
  const [versions, slugs] = await Promise.all([
    versionsOf(db, [...new Set(created.map((c) => c.version_id))]),
    slugsOf(db, [...new Set(quotas.map((q) => q.survey_id))]),
  ]);
  return parsed.flatMap(({ row, payload }): EventBody[] => {
    const created = new Date(Number(row.created_at)).toISOString();
    if (row.event === RESPONSE_CREATED) {
      return (payload as CreatedItem[]).map((item, i) => {
        const v = versions.get(item.version_id);
        return {
          id: eventId(secret, `outbox:${row.id}:${i}`),
          type: RESPONSE_CREATED,
          created,
          data: {
            survey: v?.survey ?? null,
            version: v?.version ?? null,
            region: item.region,
            provider: item.provider,
            time: item.submitted_at,
          },
        };
      });
    }
    if (row.event === QUOTA_REACHED) {
      const q = payload as QuotaReachedItem;
      return [
        {
          id: eventId(secret, `outbox:${row.id}`),
          type: QUOTA_REACHED,
          created,
          data: {
            survey: slugs.get(q.survey_id) ?? null,
            wave: q.wave_id,
            region: q.region,
            quota: q.quota,
          },
        },
      ];
    }
    // Events written whole (wave.closed, bottleneck.detected): the payload is the body's data.
    return [
      {
        id: eventId(secret, `outbox:${row.id}`),
        type: row.event,
        created,
        data: payload as Record<string, unknown>,
      },
    ];
  });
}

/**
 * Turns the oldest outbox rows into one pending delivery per event and subscribed endpoint, and
 * deletes the rows, in one transaction. Returns how many rows it took (0: the outbox is empty).
 */
export async function fanOut(db: Kysely<Database>, now: number, secret: string): Promise<number> {
  // No endpoint listening: the outbox is emptied by one statement, with no transaction held open
  // beside the response transactions (an endpoint added meanwhile sees later events only).
  // Rows up to `last` were committed before the endpoints were read: none of them is for an
  // endpoint added later.
  const last = await db
    .selectFrom('webhook_outbox')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  if (last?.id === null || last?.id === undefined) return 0;
  const listening = await db
    .selectFrom('webhook_endpoint')
    .select('id')
    .where('active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  if (!listening) {
    await db.deleteFrom('webhook_outbox').where('id', '<=', Number(last.id)).execute();
    return 0;
  }
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('webhook_outbox')
      .selectAll()
      .orderBy('id')
      .limit(ROWS_PER_FAN_OUT)
      .execute();
    if (!rows.length) return 0;
    const endpoints = (
      await tx
        .selectFrom('webhook_endpoint')
        .select(['id', 'events'])
        .where('active', '=', 1)
        .execute()
    ).map((e) => ({ id: e.id, events: new Set(JSON.parse(e.events) as string[]) }));
    const deliveries = endpoints.length
      ? (await eventsOf(tx, rows, secret)).flatMap((event) =>
          endpoints
            .filter((e) => e.events.has(event.type))
            .map((e) => ({
              endpoint_id: e.id,
              event_id: event.id,
              event: event.type,
              body: JSON.stringify(event),
              status: 'pending' as const,
              attempts: 0,
              next_at: now,
              created_at: now,
            })),
        )
      : [];
    for (let i = 0; i < deliveries.length; i += DELIVERIES_PER_INSERT) {
      await tx
        .insertInto('webhook_delivery')
        .values(deliveries.slice(i, i + DELIVERIES_PER_INSERT))
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .execute();
    }
    await tx
      .deleteFrom('webhook_outbox')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  });
}
