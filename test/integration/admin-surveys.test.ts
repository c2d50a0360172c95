/** The admin survey API: list, read, create, versions, open/close, check, sanitising, roles. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { auditEntries, call, errorOf, signIn, userSession } from '../helpers/session.js';

let t: TestApp;
let admin: string;
let sociologist: string;
let manager: string;

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  sociologist = await userSession(t.app, admin, 'sofia', 'sociologist');
  manager = await userSession(t.app, admin, 'mansur', 'manager', ['UZ-SA']);
});
afterAll(async () => {
  await t.close();
});

const texts = (en: string) => ({ uz: en, ru: en, en });

const VALID = {
  title: texts('Pilot survey'),
  pages: [
    {
      name: 'p1',
      elements: [
        {
          type: 'rating',
          name: 'satisfaction',
          role: 'satisfaction',
          title: texts('How satisfied are you?'),
          rateMin: 1,
          rateMax: 5,
          isRequired: true,
        },
        { type: 'comment', name: 'comment', role: 'comment', title: texts('Anything else?') },
      ],
    },
  ],
};

interface Detail {
  slug: string;
  status: string;
  title: unknown;
  versions: { version: number; createdAt: string }[];
  json: Record<string, unknown>;
}

const create = (slug: string, json: unknown, cookie = sociologist) =>
  call(t.app, 'POST', '/api/admin/surveys', cookie, { slug, json });

describe('creating and reading surveys', () => {
  it('lists the synced surveys with status, versions and response counts', async () => {
    const res = await call(t.app, 'GET', '/api/admin/surveys', sociologist);
    expect(res.status).toBe(200);
    const { surveys } = (await res.json()) as {
      surveys: {
        slug: string;
        status: string;
        title: Record<string, string>;
        latestVersion: number;
        versions: unknown[];
        responses: number;
      }[];
    };
    const s = surveys.find((x) => x.slug === 'social-services');
    expect(s).toMatchObject({ status: 'open', latestVersion: 1, responses: 0 });
    expect(s!.title.en).toBe('Your opinion of social services');
    expect(s!.versions).toEqual([{ version: 1, createdAt: expect.any(String) }]);
  });

  it('creates a draft: 201, readable as the latest version and as version 1, audited', async () => {
    const res = await create('pilot', VALID);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ slug: 'pilot', version: 1, status: 'draft' });

    const detail = (await (
      await call(t.app, 'GET', '/api/admin/surveys/pilot', admin)
    ).json()) as Detail;
    expect(detail).toMatchObject({ slug: 'pilot', status: 'draft', title: VALID.title });
    expect(detail.versions.map((v) => v.version)).toEqual([1]);
    expect(detail.json).toEqual(VALID);

    const v1 = await call(t.app, 'GET', '/api/admin/surveys/pilot/versions/1', sociologist);
    expect(v1.status).toBe(200);
    expect(await v1.json()).toMatchObject({ version: 1, json: VALID });
    expect((await call(t.app, 'GET', '/api/admin/surveys/pilot/versions/9', admin)).status).toBe(
      404,
    );

    const entry = (await auditEntries(t.app, admin)).find((e) => e.action === 'survey.create');
    expect(entry).toMatchObject({ username: 'sofia', target: 'pilot', details: { version: 1 } });
  });

  it('a draft is not served to citizens', async () => {
    expect((await t.app.request('/api/public/surveys/pilot')).status).toBe(404);
  });

  it('409 SurveyExists for a slug that exists', async () => {
    const res = await create('pilot', VALID);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('SurveyExists');
    expect((await create('social-services', VALID)).status).toBe(409);
  });

  it('400 for a bad slug or a body that is not a survey object', async () => {
    expect((await create('Bad Slug', VALID)).status).toBe(400);
    expect((await create('ok-slug', [1, 2])).status).toBe(400);
  });

  it('404 SurveyNotFound for an unknown survey', async () => {
    const res = await call(t.app, 'GET', '/api/admin/surveys/nope', admin);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('SurveyNotFound');
  });
});

describe('422 InvalidSurvey', () => {
  const BROKEN = {
    title: 'Broken',
    unknownThing: 1,
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'rating', name: 'sat', role: 'satisfaction', rateMin: 1, rateMax: 5 },
          { type: 'rating', name: 'SAT', role: 'satisfaction', rateMin: 1, rateMax: 7 },
          { type: 'text', name: 'x', role: 'happiness' },
          { type: 'rating', name: 'r', rateMin: 5, rateMax: 1 },
          { type: 'no-such-type', name: 'y' },
        ],
      },
    ],
  };

  it('names every problem by its path', async () => {
    const res = await create('broken', BROKEN);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('InvalidSurvey');
    const byName: Record<string, string> = {};
    for (const f of error.fields!)
      byName[f.name] = [byName[f.name], f.message].filter(Boolean).join('; ');
    // A property survey-core does not know (a custom one) is kept and ignored, as survey-core does.
    expect(byName.unknownThing).toBeUndefined();
    expect(byName['pages[0].elements[1].name']).toMatch(/used twice/);
    expect(byName['pages[0].elements[1].role']).toMatch(/at most one "satisfaction"/);
    expect(byName['pages[0].elements[2].role']).toMatch(/unknown role "happiness"/);
    expect(byName['pages[0].elements[3].rateMax']).toMatch(/greater than rateMin/);
    expect(byName['pages[0].elements[4]']).toMatch(/unknown element type "no-such-type"/);
    // Nothing was stored.
    expect((await call(t.app, 'GET', '/api/admin/surveys/broken', admin)).status).toBe(404);
  });

  it('a survey with no question, or one that would take uploads or ask a third party', async () => {
    const empty = await create('empty', { pages: [{ name: 'p', elements: [] }] });
    expect(empty.status).toBe(422);
    expect((await errorOf(empty)).fields).toEqual([
      { name: 'json', message: 'a survey needs at least one question' },
    ]);
    const outside = await create('outside', {
      ...VALID,
      pages: [
        ...(VALID.pages as unknown[]),
        {
          name: 'extra',
          elements: [
            { type: 'file', name: 'photo' },
            { type: 'dropdown', name: 'city', choicesByUrl: { url: 'https://example.com/c' } },
          ],
        },
      ],
    });
    expect(outside.status).toBe(422);
    const messages = (await errorOf(outside)).fields!.map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/question "photo": a file or signature upload/),
      expect.stringMatching(/question "city": choices loaded from a web address/),
    ]);
    // Triggers are accepted now: survey-core checks a survey that has them.
    const triggers = await create('triggers', {
      ...VALID,
      triggers: [{ type: 'complete', expression: '{satisfaction} = 1' }],
    });
    expect(triggers.status).toBe(201);
  });

  it('POST /surveys/check reports the same errors without saving', async () => {
    const bad = await call(t.app, 'POST', '/api/admin/surveys/check', sociologist, {
      json: BROKEN,
    });
    expect(bad.status).toBe(200);
    const result = (await bad.json()) as {
      ok: boolean;
      errors: { path: string; message: string }[];
    };
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain('pages[0].elements[2].role');
    const good = await call(t.app, 'POST', '/api/admin/surveys/check', sociologist, {
      json: VALID,
    });
    expect(await good.json()).toEqual({ ok: true, errors: [] });
  });
});

describe('versions, open and close', () => {
  it('unchanged JSON: 200 and the existing version; changed: 201 and the next', async () => {
    const same = await call(t.app, 'POST', '/api/admin/surveys/pilot/versions', sociologist, {
      json: VALID,
    });
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ version: 1 });

    const changed = { ...VALID, title: texts('Pilot survey, second edition') };
    const next = await call(t.app, 'POST', '/api/admin/surveys/pilot/versions', admin, {
      json: changed,
    });
    expect(next.status).toBe(201);
    expect(await next.json()).toEqual({ version: 2 });
    const detail = (await (
      await call(t.app, 'GET', '/api/admin/surveys/pilot', admin)
    ).json()) as Detail;
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(detail.title).toEqual(changed.title);

    const invalid = await call(t.app, 'POST', '/api/admin/surveys/pilot/versions', admin, {
      json: { pages: [] },
    });
    expect(invalid.status).toBe(422);
    const entry = (await auditEntries(t.app, admin)).find((e) => e.action === 'survey.version');
    expect(entry).toMatchObject({ target: 'pilot', details: { version: 2 } });
  });

  it('open: citizens get the latest version and can answer; close: 410', async () => {
    const open = await call(t.app, 'POST', '/api/admin/surveys/pilot/open', sociologist);
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual({ slug: 'pilot', status: 'open' });
    const pub = await t.app.request('/api/public/surveys/pilot');
    expect(pub.status).toBe(200);
    expect(((await pub.json()) as { version: number }).version).toBe(2);
    const answer = await postJson(t.app, '/api/public/surveys/pilot/responses', {
      id: randomUUID(),
      answers: { satisfaction: 5 },
    });
    expect(answer.status).toBe(201);
    await t.booted.deps.writer.drain();
    const list = (await (await call(t.app, 'GET', '/api/admin/surveys', admin)).json()) as {
      surveys: { slug: string; responses: number }[];
    };
    expect(list.surveys.find((s) => s.slug === 'pilot')!.responses).toBe(1);

    const close = await call(t.app, 'POST', '/api/admin/surveys/pilot/close', admin);
    expect(await close.json()).toEqual({ slug: 'pilot', status: 'closed' });
    expect((await t.app.request('/api/public/surveys/pilot')).status).toBe(410);

    const actions = (await auditEntries(t.app, admin)).map((e) => e.action);
    expect(actions).toContain('survey.open');
    expect(actions).toContain('survey.close');
  });
});

describe('HTML in survey texts is sanitised on save', () => {
  const HOSTILE = {
    title: { uz: 'Xavfsiz<script>alert(1)</script>', ru: 'Тест', en: 'Safe' },
    description: '<img src=x onerror="alert(2)">Described',
    completedHtml: {
      en: '<h3>Thanks</h3><p>Read <a href="javascript:alert(3)">this</a> or <a href="https://my.gov.uz" onclick="alert(4)">that</a></p>',
      ru: '<svg onload="alert(5)"><circle r="1"/></svg><p>Спасибо</p>',
    },
    pages: [
      {
        name: 'p1',
        elements: [
          {
            type: 'html',
            name: 'intro',
            html: {
              en: '<p style="color:red" onmouseover="alert(6)">Hello</p><iframe src="https://evil.example"></iframe><script>steal()</script><ul><li><strong>a</strong></li></ul>',
            },
          },
          {
            type: 'rating',
            name: 'satisfaction',
            role: 'satisfaction',
            title: { en: 'Rate <em>it</em> <img src=x onerror=alert(7)>' },
            visibleIf: '1 < 2',
          },
        ],
      },
    ],
  };

  const EXPECTED_HTML = '<p>Hello</p><ul><li><strong>a</strong></li></ul>';

  it('the stored version holds the sanitised texts', async () => {
    const res = await create('hostile', HOSTILE);
    expect(res.status).toBe(201);
    const v1 = (await (
      await call(t.app, 'GET', '/api/admin/surveys/hostile/versions/1', admin)
    ).json()) as {
      json: typeof HOSTILE;
    };
    const stored = JSON.stringify(v1.json);
    for (const bad of [
      '<script',
      'onerror',
      'javascript:',
      '<svg',
      'onload',
      'onclick',
      'onmouseover',
      'style=',
      '<iframe',
      '<img',
    ]) {
      expect(stored).not.toContain(bad);
    }
    expect(v1.json.title).toEqual({ uz: 'Xavfsiz', ru: 'Тест', en: 'Safe' });
    expect(v1.json.description).toBe('Described');
    expect(v1.json.completedHtml.en).toBe(
      '<h3>Thanks</h3><p>Read <a rel="noopener noreferrer" target="_blank">this</a> or <a href="https://my.gov.uz" rel="noopener noreferrer" target="_blank">that</a></p>',
    );
    expect(v1.json.completedHtml.ru).toBe('<p>Спасибо</p>');
    expect(v1.json.pages[0]!.elements[0]!.html!.en).toBe(EXPECTED_HTML);
    expect(v1.json.pages[0]!.elements[1]!.title).toEqual({ en: 'Rate <em>it</em> ' });
    // Expressions are not texts: left exactly as written.
    expect(v1.json.pages[0]!.elements[1]!.visibleIf).toBe('1 < 2');

    const row = await t.booted.deps.db
      .selectFrom('survey_version as v')
      .innerJoin('survey as s', 's.id', 'v.survey_id')
      .select('v.json')
      .where('s.slug', '=', 'hostile')
      .executeTakeFirstOrThrow();
    expect(row.json).not.toMatch(/<script|onerror|javascript:|onload/);
  });

  it('placeholders in HTML texts are refused: they would insert answers as markup', async () => {
    const res = await create('echo', {
      ...VALID,
      completedHtml: '<p>You said {comment}</p>',
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields).toEqual([
      { name: 'completedHtml', message: expect.stringMatching(/placeholders/) },
    ]);
  });
});

describe('roles', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/admin/surveys'],
    ['GET', '/api/admin/surveys/pilot'],
    ['GET', '/api/admin/surveys/pilot/versions/1'],
    ['POST', '/api/admin/surveys', { slug: 'by-manager', json: VALID }],
    ['POST', '/api/admin/surveys/check', { json: VALID }],
    ['POST', '/api/admin/surveys/pilot/versions', { json: VALID }],
    ['POST', '/api/admin/surveys/pilot/open'],
    ['POST', '/api/admin/surveys/pilot/close'],
  ];

  it('a manager gets 403 on every survey route', async () => {
    for (const [method, url, body] of routes) {
      const res = await call(t.app, method, url, manager, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect((await errorOf(res)).code).toBe('Forbidden');
    }
  });

  it('without a session: 401', async () => {
    for (const [method, url, body] of routes) {
      const res = await call(t.app, method, url, 'ovoz_session=nope', body);
      expect(res.status, `${method} ${url}`).toBe(401);
    }
  });

  it('writes need Content-Type: application/json', async () => {
    const res = await call(
      t.app,
      'POST',
      '/api/admin/surveys',
      admin,
      JSON.stringify({ slug: 'x', json: VALID }),
      'text/plain',
    );
    expect(res.status).toBe(415);
  });
});
