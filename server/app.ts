/** createApp(deps) → the Hono app: every route mounted, one onError. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asStorageError } from '../db/dialect/index.js';
import { StorageUnavailable } from '../db/errors.js';
import { AppError, errorBody } from './errors.js';
import type { AppDeps } from './deps.js';
import { publicRoutes } from './routes/public.js';
import { healthRoutes } from './routes/health.js';
import { webRoutes } from './routes/web.js';
import { basicRoutes } from './routes/basic.js';
import { shortLinkRoutes } from './routes/short-links.js';
import { requireUser } from './auth/middleware.js';
import type { AuthEnv } from './auth/types.js';
import { authRoutes } from './routes/auth.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { apiKeyRoutes, serviceEventRoutes } from './routes/admin-links.js';
import { adminQrRoutes } from './routes/admin-qr.js';
import { adminSurveyRoutes } from './routes/admin-surveys.js';
import { adminLibraryRoutes } from './routes/admin-library.js';
import { adminWaveRoutes } from './routes/admin-waves.js';
import { adminRegistryRoutes } from './routes/admin-registry.js';
import { adminLinkBatchRoutes } from './routes/admin-link-batches.js';
import { reportRoutes } from './routes/reports.js';
import { adminVolumeRoutes } from './routes/admin-volumes.js';
import { exportRoutes } from './routes/exports.js';
import { adminWebhookRoutes } from './routes/admin-webhooks.js';
import { openRoutes } from './routes/open.js';
import { apiDocRoutes } from './routes/api-docs.js';
import { sameOrigin } from './middleware/same-origin.js';
import { clientAborted, logFailure, requestId } from './http/request-log.js';

/** Deny by default: every route under these prefixes needs a signed-in user, even if its router forgets. */
export const SIGNED_IN_PREFIXES = ['/api/admin', '/api/reports', '/api/exports'] as const;

export function createApp(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requestId);
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  app.use('/api/*', sameOrigin(deps.config.publicUrl));
  // In front of the sign-in guard on purpose: provider IT systems present an API key, not a
  // session. The route itself requires an admin session or a valid key (routes/admin-links.ts).
  app.route('/api/admin', serviceEventRoutes(deps));
  const signedIn = requireUser(deps);
  for (const prefix of SIGNED_IN_PREFIXES) app.use(prefix, signedIn).use(`${prefix}/*`, signedIn);

  app.route('/', healthRoutes(deps));
  app.route('/api/public', publicRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/admin', adminUserRoutes(deps));
  app.route('/api/admin', apiKeyRoutes(deps));
  app.route('/api/admin', adminQrRoutes(deps));
  app.route('/api/admin', adminSurveyRoutes(deps));
  app.route('/api/admin', adminLibraryRoutes(deps));
  app.route('/api/admin', adminWaveRoutes(deps));
  app.route('/api/admin', adminRegistryRoutes(deps));
  app.route('/api/admin', adminLinkBatchRoutes(deps));
  app.route('/api/reports', reportRoutes(deps));
  app.route('/api/admin', adminVolumeRoutes(deps));
  app.route('/api/exports', exportRoutes(deps));
  app.route('/api/admin', adminWebhookRoutes(deps));
  app.route('/', openRoutes(deps));
  app.route('/api', apiDocRoutes(app));
  app.route('/', basicRoutes(deps));
  app.route('/', shortLinkRoutes(deps));
  app.route(
    '/',
    webRoutes({
      distDir: deps.config.webDir,
      catalog: deps.catalog,
      registry: deps.registry,
      secret: deps.secret,
      publicUrl: deps.config.publicUrl,
    }),
  );

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
    const aborted = clientAborted(c, err);
    if (aborted) {
      logFailure(c, err, aborted);
      return c.json(errorBody('BadRequest', 'the request was not received whole'), 400);
    }
    const storage = asStorageError(err);
    if (storage instanceof StorageUnavailable) {
      c.header('Retry-After', String(storage.retryAfter));
      return c.json(errorBody('Unavailable', storage.message), 503);
    }
    logFailure(c, err, aborted);
    return c.json(errorBody('Internal', 'something went wrong on our side'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
