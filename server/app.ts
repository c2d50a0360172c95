/** createApp(deps) → the Hono app: every route mounted, one onError. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, errorBody } from './errors.js';
import type { AppDeps } from './deps.js';
import { publicRoutes } from './routes/public.js';
import { healthRoutes } from './routes/health.js';
import { webRoutes } from './routes/web.js';

export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));

  app.route('/', healthRoutes(deps));
  app.route('/api/public', publicRoutes(deps));
  app.route('/', webRoutes({ distDir: deps.config.webDir }));

  app.notFound((c) => c.json(errorBody('NotFound', 'no such resource'), 404));

  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
      return c.json(errorBody(err.code, err.message, err.fields), err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 413 ? 'PayloadTooLarge' : status >= 500 ? 'Internal' : 'BadRequest';
      return c.json(errorBody(code, err.message || 'bad request'), status);
    }
    if (deps.config.log !== 'silent') console.error('unexpected error', err);
    return c.json(errorBody('Internal', 'something went wrong on our side'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
