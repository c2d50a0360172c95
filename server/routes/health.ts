import { Hono } from 'hono';
import { errorBody } from '../errors.js';
import type { AppDeps } from '../deps.js';

export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
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
