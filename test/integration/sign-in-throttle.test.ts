/**
 * Sign-in throttling over HTTP on a real server behind a (trusted) proxy: guessing slows the
 * guesser down without locking the person out, from another address or from a browser they
 * signed in with before; admins see the refused attempts in the audit log. X-Forwarded-For
 * names the client only when the peer is a proxy listed in OVOZ_TRUST_PROXY.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBundledServer } from '../helpers/bundled-server.js';
import { ADMIN_PASSWORD, signInOver, type RunningServer } from '../helpers/server.js';

const PASSWORD = 'a-manager-password-long';

let proxied: RunningServer;
let direct: RunningServer;

async function login(
  server: RunningServer,
  username: string,
  password: string,
  from: string,
  cookie?: string,
) {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': from,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ username, password }),
  });
}

async function addManager(server: RunningServer, username: string) {
  const admin = await signInOver(server.url);
  const res = await fetch(`${server.url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ username, password: PASSWORD, role: 'manager', regions: ['UZ-SA'] }),
  });
  expect(res.status).toBe(201);
}

const deviceCookie = (res: Response) =>
  /ovoz_device=[^;]*/.exec(res.headers.getSetCookie().join('\n'))?.[0];

beforeAll(async () => {
  [proxied, direct] = await Promise.all([
    startBundledServer({ env: { OVOZ_TRUST_PROXY: '127.0.0.1, ::1', OVOZ_RATE_LIMIT: '3' } }),
    startBundledServer({ env: { OVOZ_RATE_LIMIT: '3' } }),
  ]);
  await Promise.all([
    addManager(proxied, 'aziza'),
    addManager(proxied, 'bobur'),
    addManager(direct, 'aziza'),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([proxied?.stop(), direct?.stop()]);
});

describe('guessing from one address', () => {
  let device: string | undefined;

  it('a browser that signs in gets a device cookie', async () => {
    const res = await login(proxied, 'aziza', PASSWORD, '198.51.100.1');
    expect(res.status).toBe(200);
    device = deviceCookie(res);
    expect(device).toBeDefined();
  });

  it('20 wrong passwords from one address: the guesser is slowed down, never let in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await login(proxied, 'aziza', `guess-${i}`, '203.0.113.7')).status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses).toContain(429);
    const right = await login(proxied, 'aziza', PASSWORD, '203.0.113.7');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('the right password from another address: 200', async () => {
    expect((await login(proxied, 'aziza', PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('the right password from the same address, in the browser that signed in before: 200', async () => {
    expect((await login(proxied, 'aziza', PASSWORD, '203.0.113.7', device)).status).toBe(200);
  });

  it('a device cookie is for its own account only', async () => {
    for (let i = 0; i < 4; i++) await login(proxied, 'bobur', `guess-${i}`, '203.0.113.9');
    expect((await login(proxied, 'bobur', PASSWORD, '203.0.113.9', device)).status).toBe(429);
  });

  it('admins see the refused attempts and the lockouts in the audit log', async () => {
    const admin = await signInOver(proxied.url, 'admin', ADMIN_PASSWORD);
    const res = await fetch(`${proxied.url}/api/admin/audit?limit=100`, {
      headers: { cookie: admin },
    });
    const { entries } = (await res.json()) as {
      entries: { action: string; target: string | null; details: { scope?: string } | null }[];
    };
    const aziza = entries.filter((e) => e.target === 'aziza');
    expect(
      aziza.some((e) => e.action === 'auth.refused' && e.details?.scope === 'account-address'),
    ).toBe(true);
    expect(aziza.some((e) => e.action === 'auth.lockout')).toBe(true);
  });
});

describe('guessing from many addresses', () => {
  it('slows down new browsers for the account, not a browser that signed in before', async () => {
    const first = await login(proxied, 'bobur', PASSWORD, '198.51.100.2');
    expect(first.status).toBe(200);
    const device = deviceCookie(first);
    for (let i = 0; i < 11; i++) {
      expect((await login(proxied, 'bobur', 'guess', `192.0.2.${10 + i}`)).status).toBe(401);
    }
    const fresh = await login(proxied, 'bobur', PASSWORD, '192.0.2.200');
    expect(fresh.status).toBe(429);
    expect((await login(proxied, 'bobur', PASSWORD, '192.0.2.200', device)).status).toBe(200);
  });
});

describe('OVOZ_TRUST_PROXY', () => {
  it('without it, X-Forwarded-For is ignored: every guess counts against the real peer', async () => {
    // Three guesses (the free ones) under each of four forwarded addresses.
    const guesses = async (server: RunningServer) => {
      const statuses: number[] = [];
      for (let a = 1; a <= 4; a++) {
        for (let i = 0; i < 3; i++) {
          statuses.push((await login(server, 'zafar', `guess-${i}`, `203.0.113.${a}`)).status);
        }
      }
      return statuses;
    };
    // Behind a trusted proxy, four clients with three free failures each: none is held up.
    expect(await guesses(proxied)).toEqual(Array(12).fill(401));
    // Anywhere else, one client (the peer) with twelve failures: it is slowed down.
    const direct12 = await guesses(direct);
    expect(direct12.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(direct12).toContain(429);
  });

  const submit = (server: RunningServer, from: string) =>
    fetch(`${server.url}/api/public/surveys/quick-feedback/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ id: randomUUID(), answers: { satisfaction: 4 } }),
    });

  it('from a trusted proxy, submission limits are per forwarded address', async () => {
    for (let i = 0; i < 3; i++) expect((await submit(proxied, '203.0.113.50')).status).toBe(201);
    expect((await submit(proxied, '203.0.113.50')).status).toBe(429);
    expect((await submit(proxied, '203.0.113.51')).status).toBe(201);
  });

  it('from anyone else, a forwarded address changes nothing', async () => {
    for (let i = 0; i < 3; i++)
      expect((await submit(direct, `203.0.113.${60 + i}`)).status).toBe(201);
    expect((await submit(direct, '203.0.113.70')).status).toBe(429);
  });
});
