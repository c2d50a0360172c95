import { Hono } from 'hono';
import { errorBody } from '../errors.js';
import { doc } from '../http/openapi.js';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';

const health = doc({
  summary: 'Whether the database answers',
  tags: ['Operations'],
  auth: 'none',
  ok: { 200: z.object({ ok: z.literal(true) }) },
  errors: [503],
});
export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', health, async (c) => {
    try {
      await deps.storage.ping();
      return c.json({ ok: true });
    } catch {
      c.header('Retry-After', '5');
      return c.json(errorBody('Unavailable', 'the database does not answer'), 503);
    }
  });
  return app;
}
