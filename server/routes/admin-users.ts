/**
 * Users and the audit log (admin only): POST /api/admin/users, GET /api/admin/users,
 * GET /api/admin/audit. Mounted at /api/admin behind the sign-in guard of server/app.ts.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { addUser, newUserSchema, parseRegions } from '../auth/accounts.js';
import { jsonBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { requireJson } from '../middleware/require-json.js';
import { listAudit } from '../repos/audit.js';
import { listUsers } from '../repos/users.js';

const auditPage = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Users'];
const role = z.enum(['admin', 'sociologist', 'manager']);
const user = z.object({ username: z.string(), role, regions: z.array(z.string()).nullable() });
export const userList = z.object({ users: z.array(user.extend({ createdAt: z.string() })) });
export const auditList = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      username: z.string(),
      action: z.string(),
      target: z.string().nullable(),
      details: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  next: z.number().int().nullable(),
});
const docs = {
  create: doc({
    summary: 'A new user',
    tags,
    body: newUserSchema,
    ok: { 201: z.object({ user }) },
    errors: [409],
  }),
  list: doc({ summary: 'Every user', tags, ok: { 200: userList } }),
  audit: doc({
    summary: 'The audit log, newest first',
    tags,
    query: auditPage,
    ok: { 200: auditList },
  }),
};

export function adminUserRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const admin = [requireUser(deps), requireRole('admin')] as const;

  app.post('/users', ...admin, docs.create, requireJson, async (c) => {
    const input = await jsonBody(c, newUserSchema);
    const user = await addUser(db, input, c.get('user'));
    return c.json({ user }, 201);
  });

  app.get('/users', ...admin, docs.list, async (c) => {
    const users = await listUsers(db);
    return c.json({
      users: users.map((u) => ({
        username: u.username,
        role: u.role,
        regions: parseRegions(u.regions),
        createdAt: u.created_at,
      })),
    });
  });

  app.get('/audit', ...admin, docs.audit, async (c) => {
    const parsed = auditPage.safeParse(c.req.query());
    if (!parsed.success) {
      throw new AppError(
        'InvalidQuery',
        'the query is not valid',
        parsed.error.issues.map((i) => ({ name: i.path.join('.'), message: i.message })),
      );
    }
    const entries = await listAudit(db, parsed.data);
    const last = entries.at(-1);
    return c.json({
      entries,
      next: entries.length === parsed.data.limit && last ? last.id : null,
    });
  });

  return app;
}
