import { Hono } from 'hono';
import { errorBody } from '../errors.js';
import type { AppDeps } from '../deps.js';

export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => {
    try {
      deps.sqlite.prepare('select 1').get();
      return c.json({ ok: true });
    } catch {
      return c.json(errorBody('Unavailable', 'the database does not answer'), 503);
    }
  });
  return app;
}
