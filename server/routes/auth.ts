/** Sign-in, sign-out and who am I: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
import { Hono } from 'hono';
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, type PublicUser } from '../auth/accounts.js';
import { jsonBody } from '../http/json-body.js';
import { requireUser } from '../auth/middleware.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import {
  clearSessionCookie,
  createSession,
  destroySession,
  readSessionCookie,
  setSessionCookie,
} from '../auth/sessions.js';
import { LoginThrottle } from '../auth/throttle.js';
import { deviceFor, rememberDevice } from '../auth/device-cookie.js';
import { clientAddress } from '../http/client-address.js';
import type { AuthEnv, SessionUser } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { audit } from '../repos/audit.js';
import { findUserByUsername } from '../repos/users.js';
import { requireJson } from '../middleware/require-json.js';

/** Anything else in the body (role, regions…) is ignored: sign-in changes nothing about a user. */
const credentials = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Sign-in'];
export const signedInUser = z.object({
  user: z.object({
    username: z.string(),
    role: z.enum(['admin', 'sociologist', 'manager']),
    regions: z.array(z.string()).nullable(),
  }),
});
const docs = {
  login: doc({
    summary: 'Sign in: sets the session cookie',
    tags,
    auth: 'none',
    body: credentials,
    ok: { 200: signedInUser },
    errors: [401, 429],
  }),
  logout: doc({ summary: 'Sign out', tags, auth: 'session', ok: { 204: null }, errors: [401] }),
  me: doc({
    summary: 'Who is signed in',
    tags,
    auth: 'session',
    ok: { 200: signedInUser },
    errors: [401],
  }),
};

const BAD_CREDENTIALS = 'wrong username or password';

/** Checked against when the username is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;
const unknownUserHash = () => (dummyHash ??= hashPassword('no user has this password'));

const publicUser = (u: Pick<SessionUser, 'username' | 'role' | 'regions'>): PublicUser => ({
  username: u.username,
  role: u.role,
  regions: u.regions,
});

export function authRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, config } = deps;
  const now = deps.now ?? Date.now;
  const throttle = new LoginThrottle(db, deps.secret);
  const app = new Hono<AuthEnv>();

  app.post('/login', docs.login, requireJson, async (c) => {
    const body = await jsonBody(c, credentials);
    const username = body.username.toLowerCase();
    const started = now();
    const user = await findUserByUsername(db, username);
    const device = deviceFor(c, deps.secret, username);
    const attempt = await throttle.begin(
      username,
      clientAddress(c, config.trustProxy),
      device,
      started,
      user !== undefined,
    );
    const ok = await verifyPassword(
      body.password,
      user?.password_hash ?? (await unknownUserHash()),
    );
    if (!user || !ok) {
      await attempt.failed();
      throw new AppError('BadCredentials', BAD_CREDENTIALS);
    }
    await attempt.succeeded();

    const previous = readSessionCookie(c);
    if (previous) await destroySession(db, previous);
    const id = await createSession(db, user.id, started);
    setSessionCookie(c, id, config);
    rememberDevice(c, deps.secret, username, config, device ?? undefined);
    await audit(db, user, 'auth.login', user.username);
    const regions = user.regions === null ? null : (JSON.parse(user.regions) as string[]);
    c.header('Cache-Control', 'no-store');
    return c.json({ user: publicUser({ ...user, regions }) });
  });

  app.post('/logout', docs.logout, requireUser(deps), async (c) => {
    const id = readSessionCookie(c);
    if (id) await destroySession(db, id);
    clearSessionCookie(c, config);
    const user = c.get('user');
    await audit(db, user, 'auth.logout', user.username);
    return c.body(null, 204);
  });

  app.get('/me', docs.me, requireUser(deps), (c) => c.json({ user: publicUser(c.get('user')) }));

  return app;
}
