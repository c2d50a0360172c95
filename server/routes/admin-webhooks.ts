/**
 * Webhooks (admin only; docs/webhooks.md): GET|POST /api/admin/webhooks, PUT|DELETE
 * /api/admin/webhooks/:id, GET /api/admin/webhooks/deliveries (the delivery log) and
 * POST /api/admin/webhooks/deliveries/:id/retry. A new endpoint's signing secret is answered once,
 * on creation. An endpoint on a private, loopback or link-local address is refused unless
 * OVOZ_WEBHOOK_ALLOW_PRIVATE=1 (and its name is checked again at every delivery).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { invalidBody, jsonBody } from '../auth/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
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

  app.get('/webhooks', ...admin, async (c) =>
    c.json({
      endpoints: await listEndpoints(db),
      events: WEBHOOK_EVENTS,
      replayWindowSeconds: REPLAY_WINDOW_SECONDS,
      allowPrivate: config.webhooks.allowPrivate,
    }),
  );

  app.post('/webhooks', ...admin, requireJson, async (c) => {
    const body = await jsonBody(c, newEndpoint);
    checkUrl(body.url);
    const secret = body.secret ?? newWebhookSecret();
    const id = await createEndpoint(db, { url: body.url, events: body.events, secret }, now());
    await audit(db, c.get('user'), 'webhook.create', body.url, { id, events: body.events });
    const endpoint = (await listEndpoints(db)).find((e) => e.id === id);
    return c.json({ endpoint, secret }, 201);
  });

  app.put('/webhooks/:id', ...admin, requireJson, async (c) => {
    const id = idOf(c.req.param('id'));
    const body = await jsonBody(c, change);
    if (body.url !== undefined) checkUrl(body.url);
    if (!(await updateEndpoint(db, id, body))) throw new AppError('NotFound', 'no such webhook');
    await audit(db, c.get('user'), 'webhook.update', String(id), body);
    return c.json({ endpoint: (await listEndpoints(db)).find((e) => e.id === id) });
  });

  app.delete('/webhooks/:id', ...admin, async (c) => {
    const id = idOf(c.req.param('id'));
    if (!(await deleteEndpoint(db, id))) throw new AppError('NotFound', 'no such webhook');
    await audit(db, c.get('user'), 'webhook.delete', String(id));
    return c.body(null, 204);
  });

  app.get('/webhooks/deliveries', ...admin, async (c) => {
    const parsed = logQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalidBody(parsed.error.issues, 'the query is not valid');
    return c.json({ deliveries: await listDeliveries(db, parsed.data) });
  });

  app.post('/webhooks/deliveries/:id/retry', ...admin, async (c) => {
    const id = idOf(c.req.param('id'));
    if (!(await retryDelivery(db, id, now()))) {
      throw new AppError('NotFound', 'no failed delivery with this id');
    }
    return c.json({ retried: id });
  });

  return app;
}
