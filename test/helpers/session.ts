/** Signing in to the in-process app, and calling the admin API with the session cookie. */
import { postJson, type TestApp } from './app.js';
import { ADMIN_PASSWORD } from './server.js';

type App = TestApp['app'];

export const USER_PASSWORD = 'a-long-enough-password';

/** The session cookie (`ovoz_session=…`) of a fresh sign-in. */
export async function signIn(
  app: App,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<string> {
  const res = await postJson(app, '/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
  const m = /ovoz_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '');
  if (!m) throw new Error('no session cookie');
  return m[0];
}

/** Creates a user through POST /api/admin/users and returns their session cookie. */
export async function userSession(
  app: App,
  adminCookie: string,
  username: string,
  role: 'admin' | 'sociologist' | 'manager',
  regions?: string[],
): Promise<string> {
  const res = await postJson(
    app,
    '/api/admin/users',
    { username, password: USER_PASSWORD, role, ...(regions ? { regions } : {}) },
    { cookie: adminCookie },
  );
  if (res.status !== 201)
    throw new Error(`creating ${username}: ${res.status} ${await res.text()}`);
  return signIn(app, username, USER_PASSWORD);
}

/** A request with a session cookie; a body other than a string is sent as JSON. */
export function call(
  app: App,
  method: string,
  url: string,
  cookie: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<Response> {
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) headers['content-type'] = contentType;
  return Promise.resolve(
    app.request(url, {
      method,
      headers,
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    }),
  );
}

export async function errorOf(res: Response): Promise<{
  code: string;
  message: string;
  fields?: { name: string; message: string }[];
}> {
  return ((await res.json()) as { error: never }).error;
}

/** The newest audit entries (admin only). */
export async function auditEntries(app: App, adminCookie: string) {
  const res = await call(app, 'GET', '/api/admin/audit?limit=200', adminCookie);
  return (
    (await res.json()) as {
      entries: { action: string; target: string | null; username: string; details: unknown }[];
    }
  ).entries;
}
