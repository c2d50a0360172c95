import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

/** State-changing JSON endpoints accept only application/json. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError('UnsupportedMediaType', 'send the body as Content-Type: application/json');
  }
  return next();
};
