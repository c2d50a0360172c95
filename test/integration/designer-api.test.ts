/**
 * What the designer relies on from the API: opening is refused while a citizen-visible text is
 * missing (each problem named by its question); an open survey's new version must pass the same
 * checks; saves carry the version they started from (If-Match) and a newer one saved meanwhile
 * is a 412 naming who saved it; versions keep their author and the JSON its written order; the
 * question library is shared and checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';
import { call, signIn, userSession } from '../helpers/session.js';

let t: TestApp;
let dilnoza: string;
let bobur: string;

beforeAll(async () => {
  t = await testApp();
  const admin = await signIn(t.app);
  dilnoza = await userSession(t.app, admin, 'dilnoza', 'sociologist');
  bobur = await userSession(t.app, admin, 'bobur', 'sociologist');
});
afterAll(async () => {
  await t.close();
});

const four = (uz: string) => ({ uz, 'uz-Cyrl': uz, ru: `${uz} (ru)`, en: `${uz} (en)` });

function survey(ruMissing: boolean) {
  const title = four('Qayta tashrif');
  const visited = ruMissing
    ? { uz: 'Avval kelganmisiz?', en: 'Been here before?' }
    : four('Avval kelganmisiz?');
  return {
    title,
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'boolean', name: 'visited_before', title: visited },
          {
            type: 'comment',
            name: 'why_again',
            title: four('Nega?'),
            visibleIf: '{visited_before} = true',
          },
        ],
      },
    ],
  };
}

const body = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe('the designer API', () => {
  it('refuses to open a survey with a missing Russian text, naming it; opens it once translated', async () => {
    const created = await call(t.app, 'POST', '/api/admin/surveys', dilnoza, {
      slug: 'qayta',
      json: survey(true),
    });
    expect(created.status).toBe(201);
    const refused = await call(t.app, 'POST', '/api/admin/surveys/qayta/open', dilnoza);
    expect(refused.status).toBe(422);
    const err = (await body(refused)).error as {
      code: string;
      fields: { name: string; message: string }[];
    };
    expect(err.code).toBe('SurveyNotReady');
    expect(err.fields).toEqual([
      {
        name: 'visited_before',
        message: 'Russian text missing: question "visited_before" › title ("Avval kelganmisiz?")',
      },
    ]);
    const detail = await call(t.app, 'GET', '/api/admin/surveys/qayta', dilnoza);
    expect((await body(detail)).status).toBe('draft');

    const fixed = await call(t.app, 'POST', '/api/admin/surveys/qayta/versions', dilnoza, {
      json: survey(false),
    });
    expect(fixed.status).toBe(201);
    const opened = await call(t.app, 'POST', '/api/admin/surveys/qayta/open', dilnoza);
    expect(opened.status).toBe(200);
    // An open survey's next version passes the same checks.
    const broken = await call(t.app, 'POST', '/api/admin/surveys/qayta/versions', dilnoza, {
      json: survey(true),
    });
    expect(broken.status).toBe(422);
    expect(((await body(broken)).error as { code: string }).code).toBe('SurveyNotReady');
  });

  it('saves against the version the edit started from and names who saved meanwhile', async () => {
    const first = await call(t.app, 'GET', '/api/admin/surveys/qayta', dilnoza);
    const etag = first.headers.get('ETag');
    expect(etag).toBe('"v2"');
    const edit = (uz: string) => {
      const json = survey(false);
      json.title = four(uz);
      return json;
    };
    // Bobur saves first, from v2.
    const his = await t.app.request('/api/admin/surveys/qayta/versions', {
      method: 'POST',
      headers: { cookie: bobur, 'content-type': 'application/json', 'If-Match': etag! },
      body: JSON.stringify({ json: edit('Boburning tahriri') }),
    });
    expect(his.status).toBe(201);
    expect(his.headers.get('ETag')).toBe('"v3"');
    // Dilnoza, still on v2, is told.
    const mine = await t.app.request('/api/admin/surveys/qayta/versions', {
      method: 'POST',
      headers: { cookie: dilnoza, 'content-type': 'application/json', 'If-Match': etag! },
      body: JSON.stringify({ json: edit('Dilnozaning tahriri') }),
    });
    expect(mine.status).toBe(412);
    const err = (await body(mine)).error as {
      code: string;
      message: string;
      fields: { name: string; message: string }[];
    };
    expect(err.code).toBe('EditConflict');
    expect(err.fields).toEqual([
      { name: 'version', message: '3' },
      { name: 'author', message: 'bobur' },
    ]);
    // She chooses to save hers as the newer version.
    const again = await t.app.request('/api/admin/surveys/qayta/versions', {
      method: 'POST',
      headers: { cookie: dilnoza, 'content-type': 'application/json', 'If-Match': '"v3"' },
      body: JSON.stringify({
        json: edit('Dilnozaning tahriri'),
        translationState: { 'survey.title': { ru: { source: 'x' } } },
      }),
    });
    expect(again.status).toBe(201);
    const detail = await body(await call(t.app, 'GET', '/api/admin/surveys/qayta', dilnoza));
    expect(
      (detail.versions as { version: number; author: string }[]).map((v) => [v.version, v.author]),
    ).toEqual([
      [1, 'dilnoza'],
      [2, 'dilnoza'],
      [3, 'bobur'],
      [4, 'dilnoza'],
    ]);
    expect(detail.translationState).toEqual({ 'survey.title': { ru: { source: 'x' } } });
    // The JSON keeps the order it was written in: type and name first.
    const element = (detail.json as { pages: { elements: object[] }[] }).pages[0]!.elements[1]!;
    expect(Object.keys(element)).toEqual(['type', 'name', 'title', 'visibleIf']);
    // A malformed If-Match is a bad request, not a silent save.
    const bad = await t.app.request('/api/admin/surveys/qayta/versions', {
      method: 'POST',
      headers: { cookie: dilnoza, 'content-type': 'application/json', 'If-Match': 'v4' },
      body: JSON.stringify({ json: edit('x') }),
    });
    expect(bad.status).toBe(400);
  });

  it('keeps a shared library of questions, checked as SurveyJS', async () => {
    const item = {
      title: { uz: 'Qayta tashrif', ru: 'Повторный визит' },
      kind: 'block',
      elements: survey(false).pages[0]!.elements,
    };
    const added = await call(t.app, 'POST', '/api/admin/library', dilnoza, item);
    expect(added.status).toBe(201);
    const { item: saved } = (await body(added)) as {
      item: { id: number; createdBy: string; elements: unknown[] };
    };
    expect(saved.createdBy).toBe('dilnoza');
    // Bobur sees it.
    const list = (await body(await call(t.app, 'GET', '/api/admin/library', bobur))).items as {
      id: number;
      title: unknown;
      elements: unknown[];
    }[];
    expect(list.map((i) => [i.id, i.title])).toEqual([[saved.id, item.title]]);
    expect(list[0]!.elements).toEqual(item.elements);
    const invalid = await call(t.app, 'POST', '/api/admin/library', dilnoza, {
      ...item,
      elements: [{ type: 'nonsense', name: 'x' }],
    });
    expect(invalid.status).toBe(422);
    const removed = await call(t.app, 'DELETE', `/api/admin/library/${saved.id}`, bobur);
    expect(removed.status).toBe(200);
    expect((await body(await call(t.app, 'GET', '/api/admin/library', dilnoza))).items).toEqual([]);
  });
});
