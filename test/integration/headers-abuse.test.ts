/**
 * Headers and abuse: a Content-Security-Policy on the HTML pages (default-src 'self', no eval, no
 * inline script without a nonce, never framed); no CORS grant anywhere, preflights included;
 * every state-changing JSON endpoint refuses other content types (415) and every state-changing
 * request under /api refuses another site (403 CrossOrigin) while curl-like clients pass; the
 * per-address submission limit (429 with Retry-After, not fooled by X-Forwarded-For); the honeypot
 * field (400 Rejected) and the minimum completion time (400 TooFast with Retry-After); the session
 * cookie's flags. The secure headers on every route are checked in access-matrix.test.ts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { startBundledServer } from '../helpers/bundled-server.js';
import { QUICK } from '../helpers/durability.js';
import { tempDir, type RunningServer } from '../helpers/server.js';
import { errorOf, signIn } from '../helpers/session.js';

/** Routes that take no body, and routes that take CSV: every other POST/PUT/DELETE takes JSON. */
const NO_BODY = new Set([
  'POST /api/auth/logout',
  'POST /api/admin/api-keys/:id/revoke',
  'POST /api/admin/surveys/:slug/open',
  'POST /api/admin/surveys/:slug/close',
  'DELETE /api/admin/library/:id',
  'DELETE /api/admin/webhooks/:id',
  'POST /api/admin/webhooks/deliveries/:id/retry',
]);
const CSV_BODY = new Set([
  'POST /api/admin/registry/providers.csv',
  'POST /api/admin/volumes.csv',
  'POST /api/admin/populations.csv',
]);
/** The plain form (no JavaScript): a form body, and its refusals are pages, not JSON. */
const FORM_BODY = new Set(['POST /s/:slug']);

/** The error code of a JSON refusal, or the status line of a page's. */
async function refusal(key: string, res: Response): Promise<string> {
  if (!FORM_BODY.has(key)) return (await errorOf(res)).code;
  expect(res.headers.get('content-type')).toContain('text/html');
  return `page ${res.status}`;
}

let t: TestApp;
let admin: string;
let webDir: string;

beforeAll(async () => {
  webDir = tempDir('ovoz-web-');
  fs.mkdirSync(path.join(webDir, 'assets'));
  for (const page of ['citizen.html', 'admin.html']) {
    fs.writeFileSync(path.join(webDir, page), '<!doctype html><title>stub</title>');
  }
  t = await testApp({ OVOZ_WEB_DIR: webDir, PUBLIC_URL: 'https://ovoz.example.uz' });
  admin = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

/** Every state-changing route, with its path parameters filled in. */
function stateChanging(): Array<{ key: string; method: string; url: string }> {
  const keys = [...new Set(t.app.routes.map((r) => `${r.method} ${r.path}`))];
  return keys
    .filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k))
    .map((key) => {
      const [method, pattern] = key.split(' ') as [string, string];
      const url = pattern
        .replace(':slug', 'quick-feedback')
        .replace(':version', '1')
        .replace(':id', '999')
        .replace(':code', 'X');
      return { key, method, url };
    });
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

describe('Content-Security-Policy of the HTML pages', () => {
  it.each(['/s/quick-feedback', '/admin', '/admin/reports'])('%s', async (url) => {
    const res = await t.app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy');
    expect(csp).toBeTruthy();
    const d = directives(csp!);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(csp).not.toContain("'unsafe-eval'");
    const scripts = d.get('script-src') ?? d.get('default-src')!;
    // Inline script only with a nonce (which makes browsers ignore 'unsafe-inline').
    if (scripts.includes("'unsafe-inline'"))
      expect(scripts.some((s) => s.startsWith("'nonce-"))).toBe(true);
    expect(scripts).not.toContain('*');
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('no CORS', () => {
  it.each(stateChangingKeys())('preflight of %s from another site grants nothing', async (key) => {
    const { method, url } = stateChanging().find((r) => r.key === key)!;
    const res = await t.app.request(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    for (const h of res.headers.keys()) expect(h).not.toMatch(/^access-control-/);
  });

  it('a cross-site GET gets no Access-Control-Allow-Origin', async () => {
    for (const url of ['/api/public/surveys/quick-feedback', '/api/auth/me', '/healthz']) {
      const res = await t.app.request(url, {
        headers: { origin: 'https://evil.example', cookie: admin },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

function stateChangingKeys(): string[] {
  // Known before the app exists: the same list the test checks against the app's routes.
  return [
    'POST /api/public/surveys/:slug/responses',
    'POST /api/auth/login',
    'POST /api/admin/service-events',
    'POST /api/admin/users',
    'PUT /api/admin/volumes',
  ];
}

describe('state-changing endpoints', () => {
  it('every JSON endpoint refuses other content types with 415', async () => {
    const routes = stateChanging().filter(
      (r) => !NO_BODY.has(r.key) && !CSV_BODY.has(r.key) && !FORM_BODY.has(r.key),
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const { key, method, url } of routes) {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        null,
      ]) {
        const headers: Record<string, string> = { cookie: admin };
        if (type) headers['content-type'] = type;
        const res = await t.app.request(url, { method, headers, body: '{}' });
        expect(res.status, `${key} with ${type}`).toBe(415);
        expect((await errorOf(res)).code).toBe('UnsupportedMediaType');
      }
    }
  });

  it('the plain form refuses anything but a form with 415, as a page', async () => {
    const forms = stateChanging().filter((r) => FORM_BODY.has(r.key));
    expect(forms.map((r) => r.key)).toEqual([...FORM_BODY]);
    for (const { key, method, url } of forms) {
      for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
        const res = await t.app.request(url, {
          method,
          headers: { 'content-type': type },
          body: 'step=0',
        });
        expect(res.status, `${key} with ${type}`).toBe(415);
        expect(await refusal(key, res)).toBe('page 415');
      }
    }
  });

  it('every CSV endpoint refuses other content types with 415', async () => {
    for (const { key, method, url } of stateChanging().filter((r) => CSV_BODY.has(r.key))) {
      for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
        const res = await t.app.request(url, {
          method,
          headers: { cookie: admin, 'content-type': type },
          body: 'code,name\n',
        });
        expect(res.status, `${key} with ${type}`).toBe(415);
      }
    }
  });

  it('every state-changing request from another site is refused with 403 CrossOrigin', async () => {
    const routes = stateChanging();
    const foreign: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'https://ovoz.example.uz.evil.example' },
      { origin: 'http://ovoz.example.uz' }, // another scheme is another origin
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://other.example.uz' },
    ];
    for (const { key, method, url } of routes) {
      for (const h of foreign) {
        for (const cookie of [admin, undefined]) {
          const res = await t.app.request(url, {
            method,
            headers: { 'content-type': 'application/json', ...h, ...(cookie ? { cookie } : {}) },
            body: '{}',
          });
          expect(res.status, `${key} ${JSON.stringify(h)}`).toBe(403);
          expect(await refusal(key, res)).toBe(FORM_BODY.has(key) ? 'page 403' : 'CrossOrigin');
        }
      }
    }
  });

  it('the same site, and clients that send neither header (curl, provider systems), pass', async () => {
    const own: Array<Record<string, string>> = [
      {},
      { origin: 'https://ovoz.example.uz' },
      { origin: 'http://localhost' }, // the request's own Host (app.request uses localhost)
      { 'sec-fetch-site': 'same-origin', origin: 'https://ovoz.example.uz' },
      { 'sec-fetch-site': 'none' },
    ];
    for (const [i, h] of own.entries()) {
      const res = await postJson(
        t.app,
        QUICK,
        { id: randomUUID(), answers: { satisfaction: 5 } },
        h,
      );
      expect(res.status, JSON.stringify(h)).toBe(201);
      const login = await postJson(
        t.app,
        '/api/auth/login',
        // A name of its own each time: three wrong passwords for one name slow it down.
        { username: `nobody-${i}`, password: 'wrong' },
        h,
      );
      expect(login.status, JSON.stringify(h)).toBe(401);
    }
  });

  it('the session cookie is HttpOnly, SameSite and scoped to the site', async () => {
    const res = await postJson(t.app, '/api/auth/login', {
      username: 'admin',
      password: 'correct-horse-battery-staple',
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Secure/); // PUBLIC_URL is https here
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

describe('bots: the honeypot and the minimum completion time', () => {
  const submit = (extra: Record<string, unknown>, id = randomUUID()) =>
    postJson(t.app, QUICK, { id, answers: { satisfaction: 4 }, ...extra });
  const stored = async (id: string) =>
    (await t.booted.deps.db
      .selectFrom('response')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  it('a filled honeypot (`website`) is refused with 400 Rejected and nothing is stored', async () => {
    const id = randomUUID();
    const res = await submit({ website: 'http://cheap-pills.example' }, id);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('Rejected');
    await t.booted.deps.writer.drain();
    expect(await stored(id)).toBe(false);
    expect((await submit({ website: '' })).status).toBe(201);
  });

  it('a form sent within 3 s of being shown is refused with 400 TooFast and Retry-After; its retry passes', async () => {
    const id = randomUUID();
    const startedAt = ago(1000);
    const res = await submit({ startedAt }, id);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('TooFast');
    expect(error.message).toMatch(/wait a moment/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    await t.booted.deps.writer.drain();
    expect(await stored(id)).toBe(false);

    // The same submission, sent again once the wait is over (the server's clock moved on).
    const realNow = t.booted.deps.now;
    t.booted.deps.now = () => Date.now() + retryAfter * 1000;
    try {
      expect((await submit({ startedAt }, id)).status).toBe(201);
    } finally {
      t.booted.deps.now = realNow;
    }
  });

  it.each([
    ['10 seconds ago', () => ago(10_000)],
    ['an hour ahead (a wrong phone clock proves nothing)', () => ago(-3_600_000)],
    ['not a time', () => 'yesterday-ish'],
  ])('startedAt %s passes', async (_name, startedAt) => {
    expect((await submit({ startedAt: startedAt() })).status).toBe(201);
  });

  it('OVOZ_MIN_COMPLETION_SECONDS=0 turns the check off', async () => {
    const off = await testApp({ OVOZ_MIN_COMPLETION_SECONDS: '0' });
    try {
      const res = await postJson(off.app, QUICK, {
        id: randomUUID(),
        answers: { satisfaction: 4 },
        startedAt: new Date().toISOString(),
      });
      expect(res.status).toBe(201);
    } finally {
      await off.close();
    }
  });
});

describe('per-address submission limit (real server, OVOZ_RATE_LIMIT=5)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startBundledServer({ env: { OVOZ_RATE_LIMIT: '5' } });
  });
  afterAll(async () => {
    await server?.kill();
    if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  });

  function post(headers: Record<string, string> = {}, localAddress = '127.0.0.1') {
    const body = JSON.stringify({ id: randomUUID(), answers: { satisfaction: 3 } });
    return new Promise<{ status: number; retryAfter: string | undefined; body: string }>(
      (resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: QUICK,
            method: 'POST',
            localAddress,
            agent: false,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...headers,
            },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                retryAfter: res.headers['retry-after'],
                body: text,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      },
    );
  }

  it('allows 5 a minute from one address, then 429 with Retry-After; X-Forwarded-For does not help', async () => {
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(201);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect((JSON.parse(refused.body) as { error: { code: string } }).error.code).toBe(
      'TooManyRequests',
    );
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    for (const xff of ['203.0.113.9', '198.51.100.1, 203.0.113.9']) {
      const spoofed = await post({ 'x-forwarded-for': xff, 'x-real-ip': xff });
      expect(spoofed.status).toBe(429);
    }
    // Another address has its own allowance.
    expect((await post({}, '127.0.0.2')).status).toBe(201);
    // Reading surveys and health are not limited.
    expect((await fetch(`${server.url}/api/public/surveys/quick-feedback`)).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
