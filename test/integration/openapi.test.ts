/**
 * The API's OpenAPI description: docs/openapi.json is a valid OpenAPI 3.1 document, it is exactly
 * what the server makes from its routes (GET /api/openapi.json), every API route is in it, the
 * reference page at /api/docs is served from this server only, and the check every integration
 * test's responses go through (test/helpers/openapi.ts) refuses a renamed field and an unlisted
 * status.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';
import { assertConforms } from '../helpers/openapi.js';
import { ROOT } from '../helpers/server.js';

const file = path.join(ROOT, 'docs/openapi.json');
let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('docs/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(result.valid, JSON.stringify(result)).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).openapi).toBe('3.1.0');
  });

  it('is what the server makes from its routes (run `npm run openapi` after changing one)', async () => {
    const res = await t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(await res.json());
  });

  it('describes every API route the app has', async () => {
    const spec = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const missing = t.app.routes
      .filter((r) => r.method !== 'ALL' && /^\/(api\/|healthz$)/.test(r.path))
      .filter((r) => !r.path.startsWith('/api/docs/'))
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') }))
      .filter((r) => !spec.paths[r.path]?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('names the responses of the reports, the citizen API and sign-in with their fields', async () => {
    const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
    const rate = spec.components.schemas.RateRow;
    expect(rate.required).toEqual(
      expect.arrayContaining(['n', 'satisfied', 'rate', 'ci95', 'suppressed', 'flags']),
    );
    const submit = spec.paths['/api/public/surveys/{slug}/responses'].post;
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining([
        '200',
        '201',
        '400',
        '404',
        '409',
        '410',
        '413',
        '415',
        '422',
        '429',
      ]),
    );
    const login = spec.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
    expect(spec.paths['/api/admin/service-events'].post.security).toEqual([
      { session: [] },
      { apiKey: [] },
    ]);
  });
});

describe('the check of every response', () => {
  const report = {
    survey: 's',
    from: null,
    to: null,
    filters: {},
    k: 5,
    groupBy: [],
    overall: { n: 9, satisfied: 3, rate: 1 / 3, ci95: [0.1, 0.6], suppressed: false, flags: [] },
    groups: [],
  };

  it('passes a response as described', async () => {
    await assertConforms('GET', '/api/reports/satisfaction?survey=s', json(report));
  });

  it('refuses a renamed field', async () => {
    const { rate, ...rest } = report.overall;
    const renamed = { ...report, overall: { ...rest, ratio: rate } };
    await expect(
      assertConforms('GET', '/api/reports/satisfaction?survey=s', json(renamed)),
    ).rejects.toThrow(/\/overall must have required property 'rate'/);
  });

  it('refuses a status the route does not list, and a route there is none of', async () => {
    await expect(
      assertConforms('GET', '/api/admin/users', json({ users: [] }, 201)),
    ).rejects.toThrow(/lists only the statuses/);
    await expect(assertConforms('GET', '/api/admin/nothing', json({ ok: true }))).rejects.toThrow(
      /no operation/,
    );
  });
});

describe('the reference page', () => {
  it('is served with its scripts and styles from this server, nothing from elsewhere', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/api\/docs\//);
      const res = await t.app.request(ref);
      expect(res.status, ref).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/(javascript|css)/);
    }
    const init = await (await t.app.request('/api/docs/init.js')).text();
    expect(init).toContain("'/api/openapi.json'");
    expect((await t.app.request('/api/docs/package.json')).status).toBe(404);
  });
});
