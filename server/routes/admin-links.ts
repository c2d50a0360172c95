/**
 * One-time links from service events, and the API keys provider IT systems issue them with.
 * POST /api/admin/service-events: an admin session, or `Authorization: Bearer <key>` of the provider.
 * POST|GET /api/admin/api-keys, POST /api/admin/api-keys/:id/revoke: admin.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { z } from 'zod';
import { jsonBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv, SessionUser } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { issueServiceEventLinks, registryCode, serviceEventBody } from '../links/service-events.js';
import { hashApiKey, newApiKey } from '../links/tokens.js';
import { requireJson } from '../middleware/require-json.js';
import { audit, type Actor } from '../repos/audit.js';
import {
  findActiveApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRow,
} from '../repos/tokens.js';

const serviceEvent = serviceEventBody();

const newKey = z
  .object({ provider: registryCode, label: z.string().trim().min(1).max(100) })
  .strict();

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Links'];
const apiKey = z.object({
  id: z.number().int(),
  provider: z.string(),
  label: z.string(),
  createdAt: z.string(),
});
export const issuedLinks = z.object({
  links: z.array(z.object({ url: z.string(), token: z.string(), expiresAt: z.string() })),
});
export const apiKeyList = z.object({
  keys: z.array(apiKey.extend({ revokedAt: z.string().nullable() })),
});
const docs = {
  links: doc({
    summary: 'One-time survey links for service events',
    description: 'An admin session, or a provider API key for its own provider only.',
    tags,
    auth: 'session-or-key',
    body: serviceEvent,
    ok: { 201: issuedLinks },
    errors: [401, 403, 404, 422],
  }),
  newKey: doc({
    summary: 'A provider API key (shown this once)',
    tags,
    body: newKey,
    ok: { 201: apiKey.extend({ key: z.string() }) },
    errors: [404],
  }),
  keys: doc({ summary: 'Every API key', tags, ok: { 200: apiKeyList } }),
  revoke: doc({
    summary: 'Revoke an API key',
    tags,
    ok: { 200: z.object({ id: z.number().int(), revokedAt: z.string() }) },
    errors: [404],
  }),
};

interface LinksEnv {
  Variables: { user: SessionUser; apiKey: ApiKeyRow | undefined };
}

/**
 * Mounted in front of the sign-in guard of server/app.ts, because a provider system has an API
 * key, not a session: this router checks one or the other on its only route.
 */
export function serviceEventRoutes(deps: AppDeps): Hono<LinksEnv> {
  const { db } = deps;
  const app = new Hono<LinksEnv>();
  const sessionAdmin = every(requireUser(deps), requireRole('admin'));

  const adminOrApiKey: MiddlewareHandler<LinksEnv> = async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) return sessionAdmin(c, next);
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const key = bearer ? await findActiveApiKey(db, hashApiKey(bearer)) : undefined;
    if (!key) throw new AppError('Unauthenticated', 'the API key is not valid or has been revoked');
    c.set('apiKey', key);
    return next();
  };

  app.post('/service-events', adminOrApiKey, docs.links, requireJson, async (c) => {
    const event = await jsonBody(c, serviceEvent);
    const key = c.get('apiKey');
    if (key && key.provider !== event.provider) {
      throw new AppError('Forbidden', 'this API key issues links only for its own provider');
    }
    const actor: Actor = key ? { username: `api-key:${key.id}` } : c.get('user');
    const { links } = await issueServiceEventLinks(deps, actor, event);
    c.header('Cache-Control', 'no-store');
    return c.json({ links }, 201);
  });

  return app;
}

export function apiKeyRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, registry } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const admin = [requireUser(deps), requireRole('admin')] as const;

  app.post('/api-keys', ...admin, docs.newKey, requireJson, async (c) => {
    const input = await jsonBody(c, newKey);
    const { providers } = await registry.snapshot();
    if (!providers.some((p) => p.code === input.provider)) {
      throw new AppError('NotFound', `no provider "${input.provider}" in the registry`);
    }
    const { key, hash } = newApiKey();
    const row = await insertApiKey(db, {
      key_hash: hash,
      provider: input.provider,
      label: input.label,
      created_at: new Date().toISOString(),
    });
    await audit(db, c.get('user'), 'api-key.create', input.provider, {
      id: row.id,
      label: row.label,
    });
    // The key is shown this once; only its hash is kept.
    return c.json(
      { id: row.id, provider: row.provider, label: row.label, createdAt: row.created_at, key },
      201,
    );
  });

  app.get('/api-keys', ...admin, docs.keys, async (c) => {
    const keys = await listApiKeys(db);
    return c.json({
      keys: keys.map((k) => ({
        id: k.id,
        provider: k.provider,
        label: k.label,
        createdAt: k.created_at,
        revokedAt: k.revoked_at,
      })),
    });
  });

  app.post('/api-keys/:id/revoke', ...admin, docs.revoke, async (c) => {
    const id = Number(c.req.param('id'));
    const at = new Date().toISOString();
    if (!Number.isSafeInteger(id) || !(await revokeApiKey(db, id, at))) {
      throw new AppError('NotFound', 'no such active API key');
    }
    await audit(db, c.get('user'), 'api-key.revoke', String(id));
    return c.json({ id, revokedAt: at });
  });

  return app;
}
