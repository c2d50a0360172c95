/**
 * Every documented limit (common/limits.ts, README "Security"), each sent one unit over and
 * refused with its named 4xx, and sent at the limit and not refused for it. On the in-process app
 * over a real SQLite file; questionnaire checks run in the real checking worker.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_CONTAINERS,
  MAX_EXPRESSION_LENGTH,
  MAX_JSON_BODY_BYTES,
  MAX_DYNAMIC_ROWS,
  MAX_JSON_DEPTH,
  MAX_PANEL_DEPTH,
  MAX_PATTERN_INPUT,
  MAX_PATTERN_LENGTH,
  MAX_QUESTIONS,
  MAX_SURVEY_BYTES,
} from '../../common/limits.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { call, signIn } from '../helpers/session.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
});

interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: { name: string; message: string; code?: string }[];
  };
}

const check = (json: unknown) => call(t.app, 'POST', '/api/admin/surveys/check', admin, { json });

async function refusal(res: Response): Promise<ErrorBody['error']> {
  return ((await res.json()) as ErrorBody).error;
}

/** A valid questionnaire with `n` text questions on one page. */
const questions = (n: number, extra: (i: number) => object = () => ({})) => ({
  elements: Array.from({ length: n }, (_, i) => ({ type: 'text', name: `q${i}`, ...extra(i) })),
});

/** `depth` panels, one inside the other, around one question. */
function panels(depth: number): object {
  let inner: object = { type: 'text', name: 'deep' };
  for (let i = depth; i > 0; i--) inner = { type: 'panel', name: `p${i}`, elements: [inner] };
  return { elements: [inner] };
}

describe('bodies', () => {
  it(`a JSON body of ${MAX_JSON_BODY_BYTES} bytes + 1 to an admin endpoint: 413 PayloadTooLarge`, async () => {
    const pad = (n: number) => JSON.stringify({ username: 'x'.repeat(n), password: 'p' });
    const base = pad(0).length;
    const over = await call(
      t.app,
      'POST',
      '/api/admin/users',
      admin,
      pad(MAX_JSON_BODY_BYTES + 1 - base),
    );
    expect(over.status).toBe(413);
    expect((await refusal(over)).code).toBe('PayloadTooLarge');
    const at = await call(
      t.app,
      'POST',
      '/api/admin/users',
      admin,
      pad(MAX_JSON_BODY_BYTES - base),
    );
    expect(at.status).toBe(400); // refused for what it says, not for its size
    expect((await refusal(at)).code).toBe('InvalidBody');
  });

  it('the same for sign-in, before any password is checked', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(MAX_JSON_BODY_BYTES) });
    const res = await postJson(t.app, '/api/auth/login', body);
    expect(res.status).toBe(413);
  });

  it(`JSON nested ${MAX_JSON_DEPTH + 1} levels deep: 400 TooDeep; ${MAX_JSON_DEPTH}: not refused for it`, async () => {
    // The body is one level; `regions` another; the arrays inside make up the rest.
    const nest = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const body = (levels: number) =>
      `{"username":"deep","password":"long-enough-pass","role":"manager","regions":${nest(levels)}}`;
    const over = await call(t.app, 'POST', '/api/admin/users', admin, body(MAX_JSON_DEPTH));
    expect(over.status).toBe(400);
    expect((await refusal(over)).code).toBe('TooDeep');
    const at = await call(t.app, 'POST', '/api/admin/users', admin, body(MAX_JSON_DEPTH - 1));
    expect((await refusal(at)).code).toBe('InvalidBody');
  });

  it('2,000 nested panels or 20,000-deep JSON sent to the designer: 400 TooDeep, never 500', async () => {
    const res = await check(panels(2000));
    expect(res.status).toBe(400);
    expect((await refusal(res)).code).toBe('TooDeep');
    const raw = `{"json":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const deep = await call(t.app, 'POST', '/api/admin/surveys/check', admin, raw);
    expect(deep.status).toBe(400);
    expect((await refusal(deep)).code).toBe('TooDeep');
  });

  it(`a questionnaire body of ${MAX_SURVEY_BYTES} bytes + 1: 413 PayloadTooLarge`, async () => {
    const base = JSON.stringify({ json: { title: '' } }).length;
    const body = JSON.stringify({ json: { title: 'x'.repeat(MAX_SURVEY_BYTES + 1 - base) } });
    const res = await call(t.app, 'POST', '/api/admin/surveys/check', admin, body);
    expect(res.status).toBe(413);
    expect((await refusal(res)).code).toBe('PayloadTooLarge');
  });
});

describe('questionnaires: 422 SurveyTooLarge naming the limit', () => {
  async function expectLimit(json: unknown, code: string, name?: string) {
    const res = await check(json);
    expect(res.status).toBe(422);
    const error = await refusal(res);
    expect(error.code).toBe('SurveyTooLarge');
    const field = error.fields?.find((f) => f.code === code);
    expect(field, JSON.stringify(error)).toBeDefined();
    expect(field!.message).toMatch(/\(limit: /);
    if (name) expect(field!.name).toBe(name);
  }

  async function expectWithin(json: unknown) {
    const res = await check(json);
    expect(res.status, await res.clone().text()).toBe(200);
  }

  it(`${MAX_QUESTIONS} + 1 questions`, async () => {
    await expectLimit(questions(MAX_QUESTIONS + 1), 'TooManyQuestions');
    await expectWithin(questions(MAX_QUESTIONS));
  }, 60_000);

  it(`${MAX_CONTAINERS} + 1 pages and panels`, async () => {
    const pages = (n: number) => ({
      pages: Array.from({ length: n }, (_, i) => ({
        name: `page${i}`,
        elements: [{ type: 'text', name: `q${i}` }],
      })),
    });
    await expectLimit(pages(MAX_CONTAINERS + 1), 'TooManyContainers');
    await expectWithin(pages(MAX_CONTAINERS));
  }, 60_000);

  it(`panels nested ${MAX_PANEL_DEPTH} + 1 deep`, async () => {
    await expectLimit(panels(MAX_PANEL_DEPTH + 1), 'PanelsTooDeep');
    await expectWithin(panels(MAX_PANEL_DEPTH));
  });

  it(`an expression of ${MAX_EXPRESSION_LENGTH} + 1 characters`, async () => {
    const expression = (n: number) => `{q0} = '${'a'.repeat(n - 9)}'`;
    expect(expression(MAX_EXPRESSION_LENGTH)).toHaveLength(MAX_EXPRESSION_LENGTH);
    await expectLimit(
      questions(2, (i) => (i === 1 ? { visibleIf: expression(MAX_EXPRESSION_LENGTH + 1) } : {})),
      'ExpressionTooLong',
      'elements[1].visibleIf',
    );
    await expectWithin(
      questions(2, (i) => (i === 1 ? { visibleIf: expression(MAX_EXPRESSION_LENGTH) } : {})),
    );
  });

  it(`an answer format of ${MAX_PATTERN_LENGTH} + 1 characters`, async () => {
    const withPattern = (n: number) =>
      questions(1, () => ({ validators: [{ type: 'regex', regex: `^${'a'.repeat(n - 2)}$` }] }));
    await expectLimit(
      withPattern(MAX_PATTERN_LENGTH + 1),
      'PatternTooLong',
      'elements[0].validators[0].regex',
    );
    await expectWithin(withPattern(MAX_PATTERN_LENGTH));
  });
});

/** A text in every language a survey offers, so the survey is ready to open. */
const inAll = (text: string) => ({ uz: text, 'uz-Cyrl': text, ru: text, en: text });

describe('answers checked against a pattern', () => {
  it(`an answer of ${MAX_PATTERN_INPUT} + 1 characters is refused before the pattern runs`, async () => {
    const created = await call(t.app, 'POST', '/api/admin/surveys', admin, {
      slug: 'pattern-input',
      json: {
        title: inAll('Code'),
        elements: [
          {
            type: 'rating',
            name: 'satisfaction',
            role: 'satisfaction',
            title: inAll('Satisfied?'),
          },
          {
            type: 'comment',
            name: 'code',
            title: inAll('Code'),
            validators: [{ type: 'regex', regex: '^[a-z]*$' }],
          },
        ],
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await call(t.app, 'POST', '/api/admin/surveys/pattern-input/open', admin)).status).toBe(
      200,
    );
    const send = (code: string) =>
      postJson(t.app, '/api/public/surveys/pattern-input/responses', {
        id: randomUUID(),
        answers: { satisfaction: 4, code },
      });
    const over = await send('a'.repeat(MAX_PATTERN_INPUT + 1));
    expect(over.status).toBe(422);
    expect((await refusal(over)).fields).toEqual([
      { name: 'code', message: `Longer than ${MAX_PATTERN_INPUT} characters.` },
    ]);
    expect((await send('a'.repeat(MAX_PATTERN_INPUT))).status).toBe(201);
    expect((await send('a'.repeat(10) + '!')).status).toBe(422);
  });
});

describe('rows of a dynamic panel in one answer', () => {
  it(`${MAX_DYNAMIC_ROWS} + 1 panels are refused before survey-core builds them`, async () => {
    const created = await call(t.app, 'POST', '/api/admin/surveys', admin, {
      slug: 'roster-rows',
      json: {
        title: inAll('Roster'),
        elements: [
          {
            type: 'rating',
            name: 'satisfaction',
            role: 'satisfaction',
            title: inAll('Satisfied?'),
          },
          {
            type: 'paneldynamic',
            name: 'people',
            title: inAll('People'),
            maxPanelCount: 1000,
            templateElements: [{ type: 'text', name: 'who', title: inAll('Who?') }],
          },
        ],
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await call(t.app, 'POST', '/api/admin/surveys/roster-rows/open', admin)).status).toBe(
      200,
    );
    const send = (n: number) =>
      postJson(t.app, '/api/public/surveys/roster-rows/responses', {
        id: randomUUID(),
        answers: { satisfaction: 4, people: Array.from({ length: n }, () => ({ who: 'a' })) },
      });
    const over = await send(MAX_DYNAMIC_ROWS + 1);
    expect(over.status).toBe(422);
    expect((await refusal(over)).fields).toEqual([
      { name: 'people', message: `At most ${MAX_DYNAMIC_ROWS} rows.` },
    ]);
    expect((await send(MAX_DYNAMIC_ROWS)).status).toBe(201);
  });
});

describe('the checking worker', () => {
  it('a check over its time budget: 422 SurveyTooComplex, and the next check still runs', async () => {
    const tight = await testApp({ OVOZ_CHECK_BUDGET_MS: '10' });
    try {
      const cookie = await signIn(tight.app);
      const slow = await call(tight.app, 'POST', '/api/admin/surveys/check', cookie, {
        json: questions(MAX_QUESTIONS, (i) => (i ? { visibleIf: `{q${i - 1}} notempty` } : {})),
      });
      expect(slow.status).toBe(422);
      const error = await refusal(slow);
      expect(error.code).toBe('SurveyTooComplex');
      expect(error.message).toMatch(/limit: check time/);
    } finally {
      await tight.close();
    }
    expect((await check(questions(3))).status).toBe(200);
  });

  it('more checks waiting than the queue holds: 503 with Retry-After for the extra ones', async () => {
    const big = questions(300, (i) => (i ? { visibleIf: `{q${i - 1}} notempty` } : {}));
    const results = await Promise.all(Array.from({ length: 12 }, () => check(big)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(9);
    const busy = results.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy[0]!.headers.get('retry-after')).toBe('5');
  }, 120_000);
});
