/**
 * Webhooks (admin only; docs/webhooks.md): GET|POST /api/admin/webhooks, PUT|DELETE
 * /api/admin/webhooks/:id, GET /api/admin/webhooks/deliveries (the delivery log) and
 * POST /api/admin/webhooks/deliveries/:id/retry. A new endpoint's signing secret is answered once,
 * on creation. An endpoint on a private, loopback or link-local address is refused unless
 * OVOZ_WEBHOOK_ALLOW_PRIVATE=1 (and its name is checked again at every delivery).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { invalidBody, jsonBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { requireJson } from '../middleware/require-json.js';
import { audit } from '../repos/audit.js';
import {
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  retryDelivery,
  updateEndpoint,
} from '../repos/webhooks.js';
import { endpointProblem } from '../webhooks/addresses.js';
import { WEBHOOK_EVENTS } from '../webhooks/events.js';
import { newWebhookSecret, REPLAY_WINDOW_SECONDS } from '../webhooks/signature.js';

const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
const url = z.string().trim().min(1).max(2000);

const newEndpoint = z
  .object({
    url,
    events,
    secret: z.string().min(24, 'at least 24 characters').max(200).optional(),
  })
  .strict();

const change = z
  .object({ url: url.optional(), events: events.optional(), active: z.boolean().optional() })
  .strict();

const logQuery = z
  .object({
    endpoint: z.coerce.number().int().positive().optional(),
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const status = z.enum(['pending', 'delivered', 'failed']);
const endpointView = z.object({
  id: z.number(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  deliveries: z.record(status, z.number()).describe('Deliveries by status'),
});
const deliveryView = z.object({
  id: z.number(),
  endpointId: z.number(),
  url: z.string(),
  eventId: z.string().describe('The idempotency key a receiver deduplicates on'),
  event: z.string(),
  status,
  attempts: z.number(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
const idParam = { errors: [404] };
export const endpointList = z.object({
  endpoints: z.array(endpointView),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  replayWindowSeconds: z.number(),
  allowPrivate: z.boolean(),
});
export const createdEndpoint = z.object({ endpoint: endpointView, secret: z.string() });
export const deliveryList = z.object({ deliveries: z.array(deliveryView) });

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Webhooks'];
const docs = {
  list: doc({
    summary: 'The webhook endpoints, the events they may ask for and the signature replay window',
    tags,
    ok: { 200: endpointList },
  }),
  create: doc({
    summary: 'A new endpoint; its signing secret is answered this once',
    tags,
    body: newEndpoint,
    ok: { 201: createdEndpoint },
    errors: [422],
  }),
  update: doc({
    summary: "An endpoint's address, events or whether it is active",
    tags,
    body: change,
    ok: { 200: z.object({ endpoint: endpointView }) },
    errors: [404, 422],
  }),
  remove: doc({ summary: 'An endpoint removed', tags, ok: { 204: null }, ...idParam }),
  deliveries: doc({
    summary: 'The delivery log, newest first',
    tags,
    query: logQuery,
    ok: { 200: deliveryList },
  }),
  retry: doc({
    summary: 'A failed delivery sent again',
    tags,
    ok: { 200: z.object({ retried: z.number() }) },
    ...idParam,
  }),
};

export function adminWebhookRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, config } = deps;
  const now = deps.now ?? Date.now;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const admin = [requireUser(deps), requireRole('admin')] as const;

  const checkUrl = (value: string) => {
    const problem = endpointProblem(value, config.webhooks.allowPrivate);
    if (problem) {
      throw invalidBody(
        [{ code: 'custom', path: ['url'], message: problem, input: value }],
        'this endpoint cannot receive webhooks',
      );
    }
  };
  const idOf = (raw: string | undefined) => {
    const id = Number(raw);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NotFound', 'no such webhook');
    return id;
  };

  app.get('/webhooks', ...admin, docs.list, async (c) =>
    c.json({
      endpoints: await listEndpoints(db),
      events: WEBHOOK_EVENTS,
      replayWindowSeconds: REPLAY_WINDOW_SECONDS,
      allowPrivate: config.webhooks.allowPrivate,
    }),
  );

  app.post('/webhooks', ...admin, docs.create, requireJson, async (c) => {
    const body = await jsonBody(c, newEndpoint);
    checkUrl(body.url);
    const secret = body.secret ?? newWebhookSecret();
    const id = await createEndpoint(db, { url: body.url, events: body.events, secret }, now());
    await audit(db, c.get('user'), 'webhook.create', body.url, { id, events: body.events });
    const endpoint = (await listEndpoints(db)).find((e) => e.id === id);
    return c.json({ endpoint, secret }, 201);
  });

  app.put('/webhooks/:id', ...admin, docs.update, requireJson, async (c) => {
    const id = idOf(c.req.param('id'));
    const body = await jsonBody(c, change);
    if (body.url !== undefined) checkUrl(body.url);
    if (!(await updateEndpoint(db, id, body))) throw new AppError('NotFound', 'no such webhook');
    await audit(db, c.get('user'), 'webhook.update', String(id), body);
    return c.json({ endpoint: (await listEndpoints(db)).find((e) => e.id === id) });
  });

  app.delete('/webhooks/:id', ...admin, docs.remove, async (c) => {
    const id = idOf(c.req.param('id'));
    if (!(await deleteEndpoint(db, id))) throw new AppError('NotFound', 'no such webhook');
    await audit(db, c.get('user'), 'webhook.delete', String(id));
    return c.body(null, 204);
  });

  app.get('/webhooks/deliveries', ...admin, docs.deliveries, async (c) => {
    const parsed = logQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalidBody(parsed.error.issues, 'the query is not valid');
    return c.json({ deliveries: await listDeliveries(db, parsed.data) });
  });

  app.post('/webhooks/deliveries/:id/retry', ...admin, docs.retry, async (c) => {
    const id = idOf(c.req.param('id'));
    if (!(await retryDelivery(db, id, now()))) {
      throw new AppError('NotFound', 'no failed delivery with this id');
    }
    return c.json({ retried: id });
  });

  return app;
}
