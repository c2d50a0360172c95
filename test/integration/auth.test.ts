/** Sign-in, sessions, roles, users and the audit log, on a real SQLite file with an injected clock. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { ADMIN_PASSWORD } from '../helpers/server.js';

type App = ReturnType<typeof createApp>;

const MINUTE = 60_000;
const MANAGER_PASSWORD = 'manager-password-long';
const SOCIOLOGIST_PASSWORD = 'sociologist-password';

let t: TestApp;
/**
 * An app over the shared test database with its own clock (and its own in-memory throttle).
 * Every clock starts at the same instant, and `main`'s never moves, so its sessions stay valid.
 */
function clockedApp(start = Date.UTC(2026, 10, 22, 9)) {
  const clock = { now: start };
  const app = createApp({ ...t.booted.deps, now: () => clock.now });
  return { app, clock };
}

let main: ReturnType<typeof clockedApp>;

beforeAll(async () => {
  t = await testApp();
  main = clockedApp();
  const admin = await signIn(main.app, 'admin', ADMIN_PASSWORD);
  for (const [username, role, password, regions] of [
    ['sofia', 'sociologist', SOCIOLOGIST_PASSWORD, undefined],
    ['malika', 'manager', MANAGER_PASSWORD, ['UZ-SA', 'UZ-BU']],
  ] as const) {
    const res = await postJson(
      main.app,
      '/api/admin/users',
      { username, password, role, regions },
      { cookie: admin },
    );
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

function login(app: App, username: string, password: string, extra: object = {}, cookie?: string) {
  return postJson(
    app,
    '/api/auth/login',
    { username, password, ...extra },
    cookie ? { cookie } : {},
  );
}

/** `ovoz_session=…` from a response's Set-Cookie. */
function sessionCookie(res: Response): string {
  const m = /ovoz_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
  if (!m) throw new Error(`no session cookie in ${res.headers.get('set-cookie')}`);
  return `ovoz_session=${m[1]}`;
}

async function signIn(app: App, username: string, password: string): Promise<string> {
  const res = await login(app, username, password);
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

const me = (app: App, cookie: string) => app.request('/api/auth/me', { headers: { cookie } });
const code = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

describe('POST /api/auth/login', () => {
  it('signs in with the right password and returns the user and a session cookie', async () => {
    const res = await login(main.app, 'malika', MANAGER_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: { username: 'malika', role: 'manager', regions: ['UZ-BU', 'UZ-SA'] },
    });
    const cookie = sessionCookie(res);
    const who = await me(main.app, cookie);
    expect(who.status).toBe(200);
    expect((await who.json()).user).toEqual({
      username: 'malika',
      role: 'manager',
      regions: ['UZ-BU', 'UZ-SA'],
    });
  });

  it('answers 401 BadCredentials with the same message for an unknown user and a wrong password', async () => {
    const { app } = clockedApp();
    await login(app, 'nobody-warm-up', 'whatever-password'); // the first unknown user builds the dummy hash
    // That both cost the same work (the password hash) is measured by `npm run bench:sign-in`.
    const unknown = await login(app, 'no-such-user', 'not-the-password');
    const wrong = await login(app, 'sofia', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const [a, b] = [await unknown.json(), await wrong.json()];
    expect(a).toEqual(b);
    expect(a.error.code).toBe('BadCredentials');
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a body that is not JSON (415) or lacks a field (400)', async () => {
    const notJson = await main.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=admin&password=x',
    });
    expect(notJson.status).toBe(415);
    const missing = await postJson(main.app, '/api/auth/login', { username: 'admin' });
    expect(missing.status).toBe(400);
    expect(await code(missing)).toBe('InvalidBody');
  });

  it('sets the cookie HttpOnly, SameSite=Lax, Path=/ and not Secure over http', async () => {
    const res = await login(main.app, 'sofia', SOCIOLOGIST_PASSWORD);
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^ovoz_session=[A-Za-z0-9_-]{43};/);
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=Lax/i);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/Secure/i);
    // The device cookie: only for sign-in, never sent cross-site.
    const device = res.headers.getSetCookie().find((h) => h.startsWith('ovoz_device='));
    expect(device).toMatch(/^ovoz_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22};/);
    expect(device).toMatch(/; Path=\/api\/auth/);
    expect(device).toMatch(/; HttpOnly/i);
    expect(device).toMatch(/; SameSite=Strict/i);
  });

  it('sets the cookie Secure when PUBLIC_URL is https', async () => {
    const https = await testApp({ PUBLIC_URL: 'https://ovoz.example.uz' });
    try {
      const res = await login(https.app, 'admin', ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      const header = res.headers.get('set-cookie') ?? '';
      expect(header).toMatch(/; Secure/);
      expect(header).toMatch(/; HttpOnly/i);
      expect(header).toMatch(/; SameSite=Lax/i);
    } finally {
      await https.close();
    }
  });

  it('makes a new session id at every sign-in and ends the one the browser came with', async () => {
    const first = await signIn(main.app, 'sofia', SOCIOLOGIST_PASSWORD);
    const second = await signIn(main.app, 'sofia', SOCIOLOGIST_PASSWORD);
    expect(second).not.toBe(first);
    expect((await me(main.app, first)).status).toBe(200); // another device stays signed in
    const third = sessionCookie(await login(main.app, 'sofia', SOCIOLOGIST_PASSWORD, {}, second));
    expect(third).not.toBe(second);
    expect((await me(main.app, second)).status).toBe(401);
    expect((await me(main.app, third)).status).toBe(200);
  });

  it('ignores role and regions sent to login: signing in changes nothing', async () => {
    const res = await login(main.app, 'sofia', SOCIOLOGIST_PASSWORD, {
      role: 'admin',
      regions: ['UZ-TO'],
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toEqual({
      username: 'sofia',
      role: 'sociologist',
      regions: null,
    });
    const cookie = sessionCookie(res);
    expect((await (await me(main.app, cookie)).json()).user.role).toBe('sociologist');
    const row = await t.booted.deps.db
      .selectFrom('app_user')
      .select(['role', 'regions'])
      .where('username', '=', 'sofia')
      .executeTakeFirst();
    expect(row).toEqual({ role: 'sociologist', regions: null });
    expect((await main.app.request('/api/admin/users', { headers: { cookie } })).status).toBe(403);
  });
});

describe('sessions', () => {
  it('keeps only the sha256 of the session id in the database', async () => {
    const cookie = await signIn(main.app, 'malika', MANAGER_PASSWORD);
    const raw = cookie.slice('ovoz_session='.length);
    const rows: Array<Record<string, unknown>> = await t.booted.deps.db
      .selectFrom('session')
      .selectAll()
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(raw);
    const hash = createHash('sha256').update(raw).digest('hex');
    expect(rows.some((r) => r.id_hash === hash)).toBe(true);
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'created_at',
      'id_hash',
      'last_seen_at',
      'user_id',
    ]);
  });

  it('logout ends the session on the server and clears the cookie', async () => {
    const cookie = await signIn(main.app, 'malika', MANAGER_PASSWORD);
    expect((await me(main.app, cookie)).status).toBe(200);
    const out = await main.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^ovoz_session=;.*Max-Age=0/);
    // The old cookie, replayed, no longer works anywhere.
    expect((await me(main.app, cookie)).status).toBe(401);
    const again = await main.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie },
    });
    expect(again.status).toBe(401);
  });

  it('expires after 30 minutes without a request', async () => {
    const { app, clock } = clockedApp();
    const cookie = await signIn(app, 'malika', MANAGER_PASSWORD);
    clock.now += 29 * MINUTE;
    expect((await me(app, cookie)).status).toBe(200);
    clock.now += 29 * MINUTE; // 58 minutes after sign-in, 29 after the last request
    expect((await me(app, cookie)).status).toBe(200);
    clock.now += 30 * MINUTE;
    const res = await me(app, cookie);
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('Unauthenticated');
    clock.now -= 10 * MINUTE; // an expired session is gone, not just hidden
    expect((await me(app, cookie)).status).toBe(401);
  });

  it('expires 12 hours after sign-in however active it is', async () => {
    const { app, clock } = clockedApp();
    const cookie = await signIn(app, 'malika', MANAGER_PASSWORD);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      clock.now += 20 * MINUTE;
      expect((await me(app, cookie)).status).toBe(200);
    }
    clock.now += 20 * MINUTE; // exactly 12 hours
    expect((await me(app, cookie)).status).toBe(401);
  });

  it('ignores a made-up cookie', async () => {
    const res = await me(main.app, `ovoz_session=${'A'.repeat(43)}`);
    expect(res.status).toBe(401);
  });
});

describe('sign-in throttle', () => {
  // Each test on a day of its own: keys of an address are per day.
  it('slows guessing at an account from one address down exponentially, even for the right password', async () => {
    const { app, clock } = clockedApp(Date.UTC(2026, 10, 23, 9));
    for (let i = 0; i < 4; i++) {
      expect((await login(app, 'malika', 'wrong-password-' + i)).status).toBe(401);
    }
    // Past the 3 free failures each one blocks for twice as long as the last: 1 s, 2 s, 4 s…
    for (const seconds of [1, 2, 4, 8]) {
      const locked = await login(app, 'MALIKA', MANAGER_PASSWORD);
      expect(locked.status).toBe(429);
      expect(await code(locked)).toBe('TooManyRequests');
      expect(Number(locked.headers.get('retry-after'))).toBe(seconds);
      // A refused attempt does not count and does not extend the block.
      clock.now += seconds * 1000;
      expect((await login(app, 'malika', 'wrong-again')).status).toBe(401);
    }
    clock.now += 16_000;
    expect((await login(app, 'malika', MANAGER_PASSWORD)).status).toBe(200);
    // A successful sign-in forgets the failures: three free ones again.
    for (let i = 0; i < 3; i++) expect((await login(app, 'malika', 'typo-' + i)).status).toBe(401);
    expect((await login(app, 'malika', MANAGER_PASSWORD)).status).toBe(200);
    // The throttle keeps HMACs, never the name someone typed nor an address.
    const stored = JSON.stringify(
      await t.booted.deps.db.selectFrom('sign_in_throttle').selectAll().execute(),
    );
    expect(stored).not.toContain('malika');
    expect(stored).not.toContain('unknown');
  });

  it('slows one address down after 30 failures, whatever the accounts', async () => {
    const { app, clock } = clockedApp(Date.UTC(2026, 10, 24, 9));
    for (let i = 0; i < 31; i++) {
      expect((await login(app, `guess-${i}`, 'some-password')).status).toBe(401);
    }
    const res = await login(app, 'admin', ADMIN_PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(1);
    clock.now += 1000;
    expect((await login(app, 'admin', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('a browser that signed in before counts only its own failures: 5 free, then slowed down', async () => {
    const { app, clock } = clockedApp(Date.UTC(2026, 10, 26, 9));
    const first = await login(app, 'malika', MANAGER_PASSWORD);
    expect(first.status).toBe(200);
    const device = /ovoz_device=[^;]*/.exec(first.headers.getSetCookie().join('\n'))![0];
    for (let i = 0; i < 6; i++) {
      expect((await login(app, 'malika', 'wrong-' + i, {}, device)).status).toBe(401);
    }
    const locked = await login(app, 'malika', MANAGER_PASSWORD, {}, device);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(1);
    // Without the cookie, the account from this address has no failures: not held up.
    expect((await login(app, 'malika', MANAGER_PASSWORD)).status).toBe(200);
    clock.now += 1000;
    expect((await login(app, 'malika', MANAGER_PASSWORD, {}, device)).status).toBe(200);
  });

  it('audits refused attempts once per block, naming only accounts that exist', async () => {
    const { app, clock } = clockedApp(Date.UTC(2026, 10, 25, 9));
    for (let i = 0; i < 4; i++) await login(app, 'sofia', 'wrong-' + i);
    for (let i = 0; i < 3; i++) expect((await login(app, 'sofia', 'wrong')).status).toBe(429);
    for (let i = 0; i < 5; i++) await login(app, 'nobody-here', 'wrong-' + i);
    expect((await login(app, 'nobody-here', 'x')).status).toBe(429);
    const rows = (await t.booted.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'details'])
      .where('action', 'in', ['auth.refused', 'auth.lockout'])
      .where('at', '>=', new Date(0).toISOString())
      .orderBy('id')
      .execute()) as {
      action: string;
      target: string | null;
      details: string;
    }[];
    const sofia = rows.filter((r) => r.target === 'sofia');
    expect(sofia.filter((r) => r.action === 'auth.refused')).toHaveLength(1);
    expect(sofia.filter((r) => r.action === 'auth.lockout').length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(rows)).not.toContain('nobody-here');
    expect(rows.some((r) => r.target === null && r.action === 'auth.refused')).toBe(true);
    clock.now += 60_000;
  });
});

describe('deny by default', () => {
  it.each([
    ['GET', '/api/admin/users'],
    ['POST', '/api/admin/users'],
    ['GET', '/api/admin/audit'],
    ['GET', '/api/admin'],
    ['GET', '/api/admin/anything-unknown'],
    ['DELETE', '/api/admin/surveys/x'],
    ['GET', '/api/reports/anything'],
    ['GET', '/api/reports/satisfaction?survey=social-services'],
    ['GET', '/api/exports/social-services/responses.csv'],
    ['GET', '/api/auth/me'],
  ])('answers 401 to an anonymous %s %s', async (method, url) => {
    const res = await main.app.request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('Unauthenticated');
  });

  it('guards a route whose own router forgets to ask for a user', async () => {
    const { app } = clockedApp();
    app.get('/api/reports/forgetful', (c) => c.json({ secret: 42 }));
    app.get('/api/exports/forgetful.csv', (c) => c.text('secret'));
    for (const url of [
      '/api/reports/forgetful',
      '/api/exports/forgetful.csv',
      '/api/%72eports/forgetful',
    ]) {
      expect((await app.request(url)).status).toBe(401);
    }
    const cookie = await signIn(app, 'malika', MANAGER_PASSWORD);
    expect((await app.request('/api/reports/forgetful', { headers: { cookie } })).status).toBe(200);
  });

  it('answers 404 to a signed-in user for a route that does not exist', async () => {
    const cookie = await signIn(main.app, 'sofia', SOCIOLOGIST_PASSWORD);
    const res = await main.app.request('/api/admin/anything-unknown', { headers: { cookie } });
    expect(res.status).toBe(404);
  });
});

describe('POST /api/admin/users', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await signIn(main.app, 'admin', ADMIN_PASSWORD);
  });
  const create = (body: object, cookie = admin) =>
    postJson(main.app, '/api/admin/users', body, { cookie });

  it('lets an admin create a manager with regions (201)', async () => {
    const res = await create({
      username: 'rustam',
      password: 'rustam-password-1',
      role: 'manager',
      regions: ['UZ-TO'],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      user: { username: 'rustam', role: 'manager', regions: ['UZ-TO'] },
    });
    const login1 = await login(main.app, 'rustam', 'rustam-password-1');
    expect((await login1.json()).user.regions).toEqual(['UZ-TO']);
  });

  it('refuses a sociologist and a manager (403)', async () => {
    for (const cookie of [
      await signIn(main.app, 'sofia', SOCIOLOGIST_PASSWORD),
      await signIn(main.app, 'malika', MANAGER_PASSWORD),
    ]) {
      const res = await create(
        { username: 'sneaky', password: 'sneaky-password', role: 'admin' },
        cookie,
      );
      expect(res.status).toBe(403);
      expect(await code(res)).toBe('Forbidden');
      expect((await main.app.request('/api/admin/users', { headers: { cookie } })).status).toBe(
        403,
      );
    }
    expect(
      await t.booted.deps.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'sneaky')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it.each([
    [{ username: 'short', password: 'too-short', role: 'sociologist' }, 'password'],
    [{ username: 'nor', password: 'long-enough-password', role: 'manager' }, 'regions'],
    [
      { username: 'nor', password: 'long-enough-password', role: 'manager', regions: ['UZ-XX'] },
      'regions',
    ],
    [
      {
        username: 'soc',
        password: 'long-enough-password',
        role: 'sociologist',
        regions: ['UZ-SA'],
      },
      'regions',
    ],
    [{ username: 'boss', password: 'long-enough-password', role: 'superuser' }, 'role'],
    [{ username: 'Bad Name', password: 'long-enough-password', role: 'admin' }, 'username'],
  ])('refuses %j (400 InvalidBody on %s)', async (body, field) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe('InvalidBody');
    expect(json.error.fields.map((f: { name: string }) => f.name)).toContain(field);
  });

  it('answers 409 UsernameTaken for an existing username', async () => {
    const res = await create({ username: 'sofia', password: 'another-password', role: 'admin' });
    expect(res.status).toBe(409);
    expect(await code(res)).toBe('UsernameTaken');
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await main.app.request('/api/admin/users', {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('lists the users without their password hashes', async () => {
    const res = await main.app.request('/api/admin/users', { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const { users } = await res.json();
    expect(users.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'malika', 'sofia', 'rustam']),
    );
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });
});

describe('GET /api/admin/audit', () => {
  it('lists the creation of a user with who, what and when, newest first, page by page', async () => {
    const admin = await signIn(main.app, 'admin', ADMIN_PASSWORD);
    const before = Date.now();
    const created = await postJson(
      main.app,
      '/api/admin/users',
      { username: 'audited', password: 'audited-password', role: 'manager', regions: ['UZ-SA'] },
      { cookie: admin },
    );
    expect(created.status).toBe(201);

    const res = await main.app.request('/api/admin/audit?limit=5', { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.entries).toHaveLength(5);
    const entry = page.entries[0];
    expect(entry).toMatchObject({
      username: 'admin',
      action: 'user.create',
      target: 'audited',
      details: { role: 'manager', regions: ['UZ-SA'] },
    });
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(page.entries)).not.toContain('audited-password');
    const ids = page.entries.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page.next).toBe(ids.at(-1));

    const next = await main.app.request(`/api/admin/audit?limit=5&before=${page.next}`, {
      headers: { cookie: admin },
    });
    const page2 = await next.json();
    expect(page2.entries[0].id).toBeLessThan(page.next);

    const sociologist = await signIn(main.app, 'sofia', SOCIOLOGIST_PASSWORD);
    expect(
      (await main.app.request('/api/admin/audit', { headers: { cookie: sociologist } })).status,
    ).toBe(403);
    const bad = await main.app.request('/api/admin/audit?limit=0', { headers: { cookie: admin } });
    expect(bad.status).toBe(400);
  });

  it('records sign-in and sign-out', async () => {
    const cookie = await signIn(main.app, 'malika', MANAGER_PASSWORD);
    await main.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    const rows = await t.booted.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('username', '=', 'malika')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(rows).toEqual([{ action: 'auth.logout' }, { action: 'auth.login' }]);
  });
});
