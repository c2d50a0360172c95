/**
 * requireUser: the session cookie → c.get('user'), or 401 Unauthenticated.
 * requireRole: 403 Forbidden unless the signed-in user has one of the roles.
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { lookupSession, readSessionCookie } from './sessions.js';
import type { AuthEnv } from './types.js';

export function requireUser(deps: AppDeps): MiddlewareHandler<AuthEnv> {
  const now = deps.now ?? Date.now;
  return async (c, next) => {
    // Already resolved by the guard in front of /api/admin, /api/reports, /api/exports.
    if (!c.get('user')) {
      const id = readSessionCookie(c);
      const user = id ? await lookupSession(deps.db, id, now()) : null;
      if (!user) throw new AppError('Unauthenticated', 'sign in first');
      c.set('user', user);
    }
    c.header('Cache-Control', 'no-store');
    return next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw new AppError('Unauthenticated', 'sign in first');
    if (!roles.includes(user.role)) {
      throw new AppError('Forbidden', 'your role does not allow this');
    }
    return next();
  };
}
