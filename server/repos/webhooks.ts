/** Webhook endpoints and their delivery log (docs/webhooks.md). The secret is never listed. */
import type { Kysely } from 'kysely';
import type { Database, WebhookDeliveryStatus } from '../../db/schema.js';

export interface EndpointView {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  /** Deliveries by status. */
  deliveries: Record<WebhookDeliveryStatus, number>;
}

export async function listEndpoints(db: Kysely<Database>): Promise<EndpointView[]> {
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('webhook_endpoint')
      .select(['id', 'url', 'events', 'active', 'created_at'])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('webhook_delivery')
      .select((eb) => ['endpoint_id', 'status', eb.fn.countAll<number>().as('n')])
      .groupBy(['endpoint_id', 'status'])
      .execute(),
  ]);
  return rows.map((r) => {
    const deliveries = { pending: 0, delivered: 0, failed: 0 };
    for (const c of counts) if (c.endpoint_id === r.id) deliveries[c.status] = Number(c.n);
    return {
      id: r.id,
      url: r.url,
      events: JSON.parse(r.events) as string[],
      active: r.active === 1,
      createdAt: new Date(Number(r.created_at)).toISOString(),
      deliveries,
    };
  });
}

export async function createEndpoint(
  db: Kysely<Database>,
  input: { url: string; events: readonly string[]; secret: string },
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('webhook_endpoint')
    .values({
      url: input.url,
      events: JSON.stringify(input.events),
      secret: input.secret,
      active: 1,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEndpoint(
  db: Kysely<Database>,
  id: number,
  change: {
    url?: string | undefined;
    events?: readonly string[] | undefined;
    active?: boolean | undefined;
  },
): Promise<boolean> {
  const set = {
    ...(change.url !== undefined ? { url: change.url } : {}),
    ...(change.events !== undefined ? { events: JSON.stringify(change.events) } : {}),
    ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
  };
  if (!Object.keys(set).length) {
    return !!(await db
      .selectFrom('webhook_endpoint')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst());
  }
  const r = await db
    .updateTable('webhook_endpoint')
    .set(set)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes an endpoint with its deliveries. */
export async function deleteEndpoint(db: Kysely<Database>, id: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('webhook_delivery').where('endpoint_id', '=', id).execute();
    const r = await tx.deleteFrom('webhook_endpoint').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  });
}

export interface DeliveryView {
  id: number;
  endpointId: number;
  url: string;
  eventId: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  nextAt: string | null;
  deliveredAt: string | null;
}

/** The newest deliveries first, `limit` of them, before the id `before` when given. */
export async function listDeliveries(
  db: Kysely<Database>,
  options: {
    endpoint?: number | undefined;
    status?: WebhookDeliveryStatus | undefined;
    before?: number | undefined;
    limit: number;
  },
): Promise<DeliveryView[]> {
  let q = db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.endpoint_id',
      'e.url',
      'd.event_id',
      'd.event',
      'd.status',
      'd.attempts',
      'd.last_status',
      'd.last_error',
      'd.created_at',
      'd.next_at',
      'd.delivered_at',
    ])
    .orderBy('d.id', 'desc')
    .limit(options.limit);
  if (options.endpoint !== undefined) q = q.where('d.endpoint_id', '=', options.endpoint);
  if (options.status !== undefined) q = q.where('d.status', '=', options.status);
  if (options.before !== undefined) q = q.where('d.id', '<', options.before);
  const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
  return (await q.execute()).map((r) => ({
    id: r.id,
    endpointId: r.endpoint_id,
    url: r.url,
    eventId: r.event_id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: iso(r.created_at)!,
    nextAt: r.status === 'pending' ? iso(r.next_at) : null,
    deliveredAt: iso(r.delivered_at),
  }));
}

/** Sends a failed delivery again now (its 24 hours start over). */
export async function retryDelivery(
  db: Kysely<Database>,
  id: number,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('webhook_delivery')
    .set({ status: 'pending', next_at: now, created_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
