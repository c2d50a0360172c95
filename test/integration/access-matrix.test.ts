/**
 * Access control, exhaustively: every route of the app (createApp(deps).routes) is called by every
 * role — anonymous, a citizen holding a one-time link token, a sociologist, a manager of one region
 * and an admin — and the outcome is checked against the table below. A route missing from the table,
 * or a table entry whose route is gone, fails the test: a new route must be given a policy.
 *
 * Then a manager of region A (Samarkand) tries to reach region B (Bukhara) by filter, grouping,
 * cross-region total, id or export, and cannot tell an existing thing from a missing one (same
 * status, same body). Sending `role` or `regions` where they are not accepted changes nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signContext } from '../../server/links/context.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/server.js';
import { call, errorOf, signIn, USER_PASSWORD, userSession } from '../helpers/session.js';

type Role = 'anonymous' | 'citizen' | 'sociologist' | 'manager' | 'admin';
const ROLES: readonly Role[] = ['anonymous', 'citizen', 'sociologist', 'manager', 'admin'];

/** `pass`: access control let the request through (any status but 401/403, and below 500). */
type Outcome = 'pass' | 401 | 403;
type Policy = 'public' | 'signedIn' | 'staff' | 'research' | 'admin' | 'adminOrApiKey';

const POLICIES: Record<Policy, Record<Role, Outcome>> = {
  public: {
    anonymous: 'pass',
    citizen: 'pass',
    sociologist: 'pass',
    manager: 'pass',
    admin: 'pass',
  },
  signedIn: { anonymous: 401, citizen: 401, sociologist: 'pass', manager: 'pass', admin: 'pass' },
  staff: { anonymous: 401, citizen: 401, sociologist: 'pass', manager: 'pass', admin: 'pass' },
  research: { anonymous: 401, citizen: 401, sociologist: 'pass', manager: 403, admin: 'pass' },
  admin: { anonymous: 401, citizen: 401, sociologist: 403, manager: 403, admin: 'pass' },
  // The citizen sends its one-time token as a Bearer key: it is not one.
  adminOrApiKey: { anonymous: 401, citizen: 401, sociologist: 403, manager: 403, admin: 'pass' },
};

/** Every route of the app and who may use it. */
const ROUTES: Record<string, Policy> = {
  'GET /healthz': 'public',
  'GET /api/public/surveys/:slug': 'public',
  'POST /api/public/surveys/:slug/responses': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signedIn',
  'GET /api/auth/me': 'signedIn',
  'POST /api/admin/service-events': 'adminOrApiKey',
  'POST /api/admin/users': 'admin',
  'GET /api/admin/users': 'admin',
  'GET /api/admin/audit': 'admin',
  'POST /api/admin/api-keys': 'admin',
  'GET /api/admin/api-keys': 'admin',
  'POST /api/admin/api-keys/:id/revoke': 'admin',
  'GET /api/admin/surveys/:slug/qr': 'research',
  'GET /api/admin/surveys/:slug/poster': 'research',
  'GET /api/admin/surveys': 'research',
  'POST /api/admin/surveys/check': 'research',
  'POST /api/admin/surveys': 'research',
  'GET /api/admin/surveys/:slug': 'research',
  'GET /api/admin/surveys/:slug/versions/:version': 'research',
  'POST /api/admin/surveys/:slug/versions': 'research',
  'POST /api/admin/surveys/:slug/open': 'research',
  'POST /api/admin/surveys/:slug/close': 'research',
  'GET /api/admin/surveys/:slug/waves': 'research',
  'POST /api/admin/surveys/:slug/waves': 'research',
  'PUT /api/admin/surveys/:slug/waves/:id': 'research',
  'GET /api/admin/library': 'research',
  'POST /api/admin/library': 'research',
  'DELETE /api/admin/library/:id': 'research',
  'GET /api/admin/registry/regions': 'research',
  'GET /api/admin/registry/districts': 'research',
  'GET /api/admin/registry/providers': 'research',
  'GET /api/admin/registry/districts.csv': 'research',
  'GET /api/admin/registry/providers.csv': 'research',
  'PUT /api/admin/registry/districts/:code': 'admin',
  'PUT /api/admin/registry/providers/:code': 'admin',
  'POST /api/admin/registry/providers.csv': 'admin',
  'POST /api/admin/service-events.csv': 'admin',
  'POST /api/admin/service-events/slips': 'admin',
  'GET /api/reports/satisfaction': 'staff',
  'GET /api/reports/indicators': 'staff',
  'GET /api/reports/bottlenecks': 'staff',
  'GET /api/reports/trend': 'staff',
  'GET /api/reports/findings': 'staff',
  'GET /api/reports/comments': 'staff',
  'GET /api/reports/surveys': 'staff',
  'GET /api/reports/registry': 'staff',
  'PUT /api/admin/volumes': 'admin',
  'POST /api/admin/volumes.csv': 'admin',
  'GET /api/admin/volumes': 'admin',
  'PUT /api/admin/populations': 'admin',
  'POST /api/admin/populations.csv': 'admin',
  'GET /api/admin/populations': 'admin',
  'GET /api/admin/webhooks': 'admin',
  'POST /api/admin/webhooks': 'admin',
  'PUT /api/admin/webhooks/:id': 'admin',
  'DELETE /api/admin/webhooks/:id': 'admin',
  'GET /api/admin/webhooks/deliveries': 'admin',
  'POST /api/admin/webhooks/deliveries/:id/retry': 'admin',
  'GET /api/open/indicators.json': 'public',
  'GET /api/open/indicators.csv': 'public',
  'GET /open': 'public',
  'GET /k/:code': 'public',
  'GET /api/exports/:slug/responses.csv': 'research',
  'GET /api/exports/:slug/responses.xlsx': 'research',
  'GET /api/exports/:slug/codebook.csv': 'research',
  'GET /api/exports/:slug/responses.sps': 'research',
  'GET /api/exports/:slug/responses.R': 'research',
  'GET /api/exports/:slug/responses.do': 'research',
  'GET /admin': 'public',
  'GET /admin/*': 'public',
  'GET /s/:slug': 'public',
  'POST /s/:slug': 'public',
  'GET /assets/*': 'public',
  'GET /robots.txt': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/:file': 'public',
};

/** Middleware mounts (method ALL): headers, the cross-site check, the sign-in guards. */
const MIDDLEWARE = [
  'ALL /*',
  'ALL /api/*',
  'ALL /api/admin',
  'ALL /api/admin/*',
  'ALL /api/reports',
  'ALL /api/reports/*',
  'ALL /api/exports',
  'ALL /api/exports/*',
];

const CSV_BODY = new Set([
  'POST /api/admin/registry/providers.csv',
  'POST /api/admin/volumes.csv',
  'POST /api/admin/populations.csv',
]);

const REGION_A = 'UZ-SA';
const REGION_B = 'UZ-BU';

let t: TestApp;
let webDir: string;
const cookies = {} as Record<Role, string>;
let tokens: string[] = [];
let waveId = 0;

/** A stub of the built pages: the routes' headers do not depend on the bundle. */
function stubWebDir(): string {
  const dir = tempDir('ovoz-web-');
  fs.mkdirSync(path.join(dir, 'assets'));
  for (const page of ['citizen.html', 'admin.html']) {
    fs.writeFileSync(path.join(dir, page), '<!doctype html><title>stub</title>');
  }
  return dir;
}

async function issueTokens(count: number): Promise<string[]> {
  const res = await call(t.app, 'POST', '/api/admin/service-events', cookies.admin, {
    survey: 'quick-feedback',
    provider: 'P-SA-01-1',
    count,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { links: { token: string }[] }).links.map((l) => l.token);
}

beforeAll(async () => {
  webDir = stubWebDir();
  t = await testApp({ OVOZ_WEB_DIR: webDir });
  cookies.anonymous = '';
  cookies.citizen = '';
  cookies.admin = await signIn(t.app);
  cookies.sociologist = await userSession(t.app, cookies.admin, 'sofia', 'sociologist');
  cookies.manager = await userSession(t.app, cookies.admin, 'samira', 'manager', [REGION_A]);
  tokens = await issueTokens(4);

  const texts = (s: string) => ({ uz: s, ru: s, en: s });
  const json = {
    title: texts('Matrix'),
    pages: [
      {
        name: 'p1',
        elements: [
          {
            type: 'rating',
            name: 'satisfaction',
            role: 'satisfaction',
            title: texts('How?'),
            rateMin: 1,
            rateMax: 5,
          },
        ],
      },
    ],
  };
  expect(
    (await call(t.app, 'POST', '/api/admin/surveys', cookies.admin, { slug: 'matrix', json }))
      .status,
  ).toBe(201);
  const wave = await call(t.app, 'POST', '/api/admin/surveys/matrix/waves', cookies.admin, {
    name: 'Wave 1',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
  });
  expect(wave.status).toBe(201);
  waveId = ((await wave.json()) as { wave: { id: number } }).wave.id;

  // Responses in both regions, through provider links.
  const secret = t.booted.deps.secret;
  const submit = (provider: string, satisfaction: number) =>
    postJson(t.app, '/api/public/surveys/quick-feedback/responses', {
      id: randomUUID(),
      answers: { satisfaction, comment: `Izoh ${provider}` },
      c: signContext(secret, 'quick-feedback', { provider }),
    });
  for (let i = 0; i < 12; i++) expect((await submit('P-SA-01-1', 1 + (i % 5))).status).toBe(201);
  for (let i = 0; i < 20; i++) expect((await submit('P-BU-01-1', 1 + (i % 5))).status).toBe(201);
  for (let i = 0; i < 8; i++) expect((await submit('P-BU-02-1', 5)).status).toBe(201);
  await t.booted.deps.writer.drain();
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

/** The app's routes, as `METHOD /path`, without repeats (a route with middleware appears once per handler). */
function appRoutes(): { handlers: string[]; middleware: string[] } {
  const keys = [...new Set(t.app.routes.map((r) => `${r.method} ${r.path}`))];
  return {
    handlers: keys.filter((k) => !k.startsWith('ALL ')),
    middleware: keys.filter((k) => k.startsWith('ALL ')),
  };
}

/** A concrete request for a route key, as `role` sends it. */
async function requestFor(key: string, role: Role): Promise<Response> {
  const [method, pattern] = key.split(' ') as [string, string];
  const isPublic = pattern.startsWith('/api/public/') || pattern.startsWith('/s/');
  let url = pattern
    .replace(':slug', isPublic ? 'quick-feedback' : 'matrix')
    .replace(':version', '1')
    .replace(':id', '999')
    .replace(':code', pattern.includes('districts') ? 'UZ-SA-01' : 'P-SA-01-1')
    .replace('/admin/*', '/admin/reports')
    .replace('/assets/*', '/assets/none.js');
  if (pattern.startsWith('/api/reports/')) url += '?survey=quick-feedback';
  if (pattern.endsWith('/qr')) url += '?format=svg';
  if (pattern === '/api/public/surveys/:slug' && role === 'citizen') url += `?t=${tokens[0]}`;

  const headers: Record<string, string> = {};
  let cookie = cookies[role];
  // Signing out ends the session: use one made for this request.
  if (key === 'POST /api/auth/logout' && cookie) {
    cookie =
      role === 'admin'
        ? await signIn(t.app)
        : await signIn(t.app, role === 'manager' ? 'samira' : 'sofia', USER_PASSWORD);
  }
  if (cookie) headers.cookie = cookie;
  if (role === 'citizen') headers.authorization = `Bearer ${tokens[1]}`;

  let body: string | undefined;
  if (method === 'POST' || method === 'PUT') {
    if (CSV_BODY.has(key)) {
      headers['content-type'] = 'text/csv';
      body = '';
    } else {
      headers['content-type'] = 'application/json';
      body =
        key === 'POST /api/public/surveys/:slug/responses'
          ? JSON.stringify({
              id: randomUUID(),
              answers: { satisfaction: 3 },
              ...(role === 'citizen' ? { t: tokens[2] } : {}),
            })
          : '{}';
    }
  }
  return t.app.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
}

describe('the access matrix', () => {
  it('declares a policy for every route of the app, and only for routes that exist', () => {
    const { handlers, middleware } = appRoutes();
    const declared = Object.keys(ROUTES);
    expect(
      handlers.filter((k) => !declared.includes(k)),
      'routes without a policy',
    ).toEqual([]);
    expect(
      declared.filter((k) => !handlers.includes(k)),
      'policies for missing routes',
    ).toEqual([]);
    expect(middleware.sort()).toEqual([...MIDDLEWARE].sort());
  });

  const cases = Object.entries(ROUTES).flatMap(([key, policy]) =>
    ROLES.map((role) => ({ key, role, expected: POLICIES[policy][role] })),
  );

  it.each(cases)('$key as $role → $expected', async ({ key, role, expected }) => {
    const res = await requestFor(key, role);
    const text = await res.text();
    if (expected === 'pass') {
      expect([401, 403], text.slice(0, 300)).not.toContain(res.status);
      expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    } else {
      expect(res.status, text.slice(0, 300)).toBe(expected);
      const code = (JSON.parse(text) as { error: { code: string } }).error.code;
      expect(code).toBe(expected === 401 ? 'Unauthenticated' : 'Forbidden');
    }
    // Every response, allowed or not, carries the secure headers and no CORS grant.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toMatch(/^(DENY|SAMEORIGIN)$/);
    expect(res.headers.get('referrer-policy')).toBeTruthy();
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('a manager of region A reaching for region B', () => {
  const get = (url: string, role: Role = 'manager') => call(t.app, 'GET', url, cookies[role]);
  /** Stored quick-feedback responses, of `region` when given. */
  const count = async (region?: string) =>
    (
      await t.booted.deps.db
        .selectFrom('response as r')
        .innerJoin('survey as s', 's.id', 'r.survey_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('s.slug', '=', 'quick-feedback')
        .$if(region !== undefined, (q) => q.where('r.region', '=', region!))
        .executeTakeFirstOrThrow()
    ).n;

  /** Status and body of a request; two of them must be indistinguishable. */
  const outcome = async (url: string) => {
    const res = await get(url);
    return { status: res.status, body: await res.text() };
  };

  const REPORTS = ['satisfaction', 'indicators', 'bottlenecks', 'trend', 'comments'];

  it.each(REPORTS)(
    '%s: a filter on B, or on something that does not exist, is the same 403',
    async (report) => {
      const base = `/api/reports/${report}?survey=quick-feedback`;
      const refused = await outcome(`${base}&region=${REGION_B}`);
      expect(refused.status).toBe(403);
      expect((JSON.parse(refused.body) as { error: { code: string } }).error.code).toBe(
        'Forbidden',
      );
      for (const filter of [
        'region=UZ-ZZ',
        'district=UZ-BU-01',
        'district=UZ-BU-99',
        'provider=P-BU-01-1',
        'provider=P-ZZ-99-9',
      ]) {
        expect(await outcome(`${base}&${filter}`), filter).toEqual(refused);
      }
      // A filter inside A is fine.
      expect((await get(`${base}&region=${REGION_A}`)).status).toBe(200);
    },
  );

  it('groupings show only region A, and totals count only region A', async () => {
    for (const groupBy of ['region', 'district', 'provider', 'sector', 'channel']) {
      const res = await get(`/api/reports/satisfaction?survey=quick-feedback&groupBy=${groupBy}`);
      expect(res.status).toBe(200);
      const report = (await res.json()) as {
        overall: { n: number };
        groups: { group: Record<string, string> }[];
      };
      // A manager's figures are protected (sums of frozen blocks): the totals are region A's
      // protected total, as an admin sees it; exact counts are for sociologists and admins.
      const regionA = (await (
        await get(`/api/reports/satisfaction?survey=quick-feedback&region=${REGION_A}`, 'admin')
      ).json()) as { overall: { n: number } };
      expect(report.overall.n).toBe(regionA.overall.n);
      const text = JSON.stringify(report.groups);
      expect(text).not.toContain('UZ-BU');
      expect(text).not.toContain('P-BU');
      if (groupBy === 'region') {
        // Protected figures show closed months only: region A's row, or none while its responses
        // are all in the running month.
        expect(report.groups.map((g) => g.group.region)).toEqual(
          report.overall.n > 0 ? [REGION_A] : [],
        );
      }
    }
    // Comments and the registry of filter names: region A only.
    const comments = await get('/api/reports/comments?survey=quick-feedback');
    expect(comments.status).toBe(200);
    const commentText = await comments.text();
    // Protected: the running month's comments are not shown to a manager at all.
    expect(JSON.parse(commentText).figures).toBe('perturbed');
    expect(commentText).not.toMatch(/UZ-BU|P-BU/);
    const adminComments = await (
      await get('/api/reports/comments?survey=quick-feedback&exact=1', 'admin')
    ).text();
    expect(adminComments).toContain('Izoh P-BU-01-1');
    const registry = await get('/api/reports/registry');
    expect(registry.status).toBe(200);
    const names = (await registry.json()) as {
      regions: { code: string }[];
      providers: { region: string }[];
    };
    expect(names.regions.map((r) => r.code)).toEqual([REGION_A]);
    expect(names.providers.length).toBeGreaterThan(0);
    expect(names.providers.every((p) => p.region === REGION_A)).toBe(true);

    const all = (await (
      await get('/api/reports/satisfaction?survey=quick-feedback&exact=1', 'admin')
    ).json()) as {
      overall: { n: number };
    };
    expect(all.overall.n).toBe(await count());
    expect(all.overall.n).toBeGreaterThan(await count(REGION_A));
  });

  it('exports, waves and surveys by id: the same 403 whether the thing exists or not', async () => {
    const pairs: Array<[string, string]> = [
      [
        '/api/exports/quick-feedback/responses.csv?region=UZ-BU',
        '/api/exports/no-such-survey/responses.csv?region=UZ-BU',
      ],
      ['/api/exports/quick-feedback/responses.xlsx', '/api/exports/no-such-survey/responses.xlsx'],
      ['/api/exports/quick-feedback/codebook.csv', '/api/exports/no-such-survey/codebook.csv'],
      ['/api/admin/surveys/matrix', '/api/admin/surveys/no-such-survey'],
      ['/api/admin/surveys/matrix/waves', '/api/admin/surveys/no-such-survey/waves'],
      ['/api/admin/surveys/matrix/versions/1', '/api/admin/surveys/matrix/versions/99'],
    ];
    for (const [existing, missing] of pairs) {
      const a = await outcome(existing);
      expect(a.status, existing).toBe(403);
      expect(await outcome(missing), missing).toEqual(a);
    }
    const put = (id: number) =>
      call(t.app, 'PUT', `/api/admin/surveys/matrix/waves/${id}`, cookies.manager, {
        name: 'Mine',
        startsOn: '2026-01-01',
        endsOn: '2026-01-31',
      });
    const [a, b] = await Promise.all([put(waveId), put(waveId + 1000)]);
    expect(a.status).toBe(403);
    expect(await a.text()).toBe(await b.text());
  });

  it('sending role or regions where they are not accepted changes nothing', async () => {
    const login = await postJson(t.app, '/api/auth/login', {
      username: 'samira',
      password: USER_PASSWORD,
      role: 'admin',
      regions: [REGION_B],
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: unknown }).user).toEqual({
      username: 'samira',
      role: 'manager',
      regions: [REGION_A],
    });
    const cookie = /ovoz_session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0];
    const me = await call(t.app, 'GET', '/api/auth/me', cookie);
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('manager');

    const query = await call(
      t.app,
      'GET',
      `/api/reports/satisfaction?survey=quick-feedback&regions=${REGION_B}`,
      cookie,
    );
    expect(query.status).toBe(400);
    expect((await errorOf(query)).code).toBe('InvalidQuery');
    const role = await call(
      t.app,
      'GET',
      '/api/reports/satisfaction?survey=quick-feedback&role=admin',
      cookie,
    );
    expect(role.status).toBe(400);
    expect(
      (
        await call(
          t.app,
          'GET',
          `/api/reports/satisfaction?survey=quick-feedback&region=${REGION_B}`,
          cookie,
        )
      ).status,
    ).toBe(403);

    // A sociologist cannot make an admin, nor make themselves one.
    const made = await call(t.app, 'POST', '/api/admin/users', cookies.sociologist, {
      username: 'mallory',
      password: 'a-long-enough-password',
      role: 'admin',
    });
    expect(made.status).toBe(403);

    // A citizen's submission with role, regions or a region of its own: ignored or refused, never stored.
    const id = randomUUID();
    const sub = await postJson(t.app, '/api/public/surveys/quick-feedback/responses', {
      id,
      answers: { satisfaction: 4 },
      role: 'admin',
      regions: [REGION_B],
      region: REGION_B,
      provider: 'P-BU-01-1',
    });
    expect(sub.status).toBe(201);
    await t.booted.deps.writer.drain();
    const row = await t.booted.deps.db
      .selectFrom('response')
      .select(['region', 'provider'])
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toEqual({ region: null, provider: null });
  });
});
