/**
 * The citizen's page with no JavaScript (`/s/:slug?basic=1`): the questionnaire as plain HTML
 * forms, one step at a time, in the link's language, posted back page by page; the last step is
 * stored through the one ingest service (201 after commit), once even when it is sent twice;
 * errors come back next to their questions with the answers kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import { BASIC_CSP } from '../../server/basic/render.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { call, signIn } from '../helpers/session.js';
import { FORM_HEADERS, controlNames, formBody, pageTitle } from '../helpers/basic-form.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ OVOZ_MIN_COMPLETION_SECONDS: '0' });
});
afterAll(async () => {
  await t?.close();
});

const post = (body: string, headers: Record<string, string> = {}, slug = 'social-services') =>
  t.app.request(`/s/${slug}`, {
    method: 'POST',
    headers: { ...FORM_HEADERS, ...headers },
    body,
  });

async function stored(id: string) {
  await t.booted.deps.writer.drain();
  return t.booted.deps.db
    .selectFrom('response')
    .select(['id', 'lang', 'answers'])
    .where('id', '=', id)
    .execute();
}

/** What a citizen answers on each step of social-services, by the step's first control. */
const ANSWERS: Record<string, Record<string, string | string[]>> = {
  q0: { q0: '4' },
  'q1.0': Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((r) => [`q1.${r}`, r === 6 ? 'na' : '5'])),
  q2: { q2: '3' },
  q3: { q3: 'formal' },
  q4: { q4: 'no' },
  q5: { q5: '12', q6: 'online' },
  q10: { q10: ['disability', 'elderly'] },
  q11: { q11: 'Navbat uzun edi.\r\nRahmat.' },
};

async function walk(lang: Lang): Promise<{ last: string; response: Response; titles: string[] }> {
  let res = await t.app.request(`/s/social-services?basic=1&lang=${lang}`);
  expect(res.status).toBe(200);
  let html = await res.text();
  const titles: string[] = [];
  for (let i = 0; i < 20; i++) {
    titles.push(pageTitle(html));
    const first = controlNames(html)[0] ?? '';
    const body = formBody(html, ANSWERS[first] ?? {});
    res = await post(body);
    if (res.status !== 200) return { last: body, response: res, titles };
    html = await res.text();
    expect(html).toContain('name="token"');
  }
  throw new Error('the form never ended');
}

describe('GET /s/:slug?basic=1', () => {
  it.each(LANGUAGES)('is a plain form in %s: no script, its own CSP, small', async (lang) => {
    const res = await t.app.request(`/s/social-services?basic=1&lang=${lang}&c=x`);
    // A link whose context does not verify is refused in words, as on the JavaScript page.
    expect(res.status).toBe(400);
    const ok = await t.app.request(`/s/social-services?basic=1&lang=${lang}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(BASIC_CSP);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const html = await ok.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<form method="post" action="/s/social-services"');
    // A second way to answer the public page: not listed itself, the public page named instead.
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toMatch(
      new RegExp(`<link rel="canonical" href="https?://[^/"]+/s/social-services\\?lang=${lang}">`),
    );
    expect(Buffer.byteLength(html)).toBeLessThan(20_000);
    const packed = await t.app.request(`/s/social-services?basic=1&lang=${lang}`, {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(packed.headers.get('content-encoding')).toBe('br');
    expect((await packed.arrayBuffer()).byteLength).toBeLessThan(html.length / 2);
    const title = {
      uz: 'Umumiy fikringiz',
      'uz-Cyrl': 'Умумий фикрингиз',
      ru: 'Ваше общее мнение',
      en: 'Your overall opinion',
    }[lang];
    expect(pageTitle(html)).toBe(title);
  });

  it('asks a one-page questionnaire on one step, with Send', async () => {
    const res = await t.app.request('/s/quick-feedback?basic=1&lang=en');
    const html = await res.text();
    expect(html).toContain('<h1>Tell us what you think</h1>');
    expect(html).toContain('>Send</button>');
    expect(controlNames(html)).toEqual(['q0', 'q1']);
  });
});

describe('POST /s/:slug', () => {
  it.each(LANGUAGES)('stores a response answered in %s once, sent twice', async (lang) => {
    const { last, response, titles } = await walk(lang);
    expect(response.status).toBe(201);
    const thanks = await response.text();
    expect(thanks).toContain('role="status"');
    expect(thanks).not.toContain('name="token"');
    // Eleven steps: the payment page asked "could you afford it" after "yes, I paid".
    expect(titles).toHaveLength(11);
    const token = new URLSearchParams(last).get('token')!;
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as {
      id: string;
    };
    const again = await post(last);
    expect(again.status).toBe(200);
    const rows = await stored(payload.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.lang).toBe(lang);
    expect(JSON.parse(rows[0]!.answers)).toEqual({
      satisfaction: 4,
      drivers: {
        timeliness: 5,
        ease: 5,
        information: 5,
        courtesy: 5,
        fairness: 5,
        accessibility: 5,
        outcome: 'na',
      },
      trust: 3,
      paid: 'formal',
      afford: 'no',
      delivery_days: 12,
      channel: 'online',
      segment: ['disability', 'elderly'],
      comment: 'Navbat uzun edi.\nRahmat.',
    });
  });

  it('re-renders a step with its messages next to the questions and the answers kept', async () => {
    const first = await (await t.app.request('/s/social-services?basic=1&lang=ru')).text();
    // Nothing chosen on a required question.
    const res = await post(formBody(first, {}));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toMatch(
      /<fieldset class="q invalid" id="q0" aria-describedby="q0-e" aria-invalid="true">|<fieldset class="q invalid" id="q0" aria-describedby="q0-e">/,
    );
    expect(html).toContain('<p class="err" id="q0-e">Пожалуйста, ответьте на вопрос.</p>');

    // A number out of range on a later step: the typed text stays in the box.
    let page = await (await post(formBody(first, { q0: '5' }))).text();
    for (const fields of [ANSWERS['q1.0']!, { q2: '2' }, { q3: 'none' }]) {
      page = await (await post(formBody(page, fields))).text();
    }
    // "none paid" skips the question about affording it.
    expect(controlNames(page)).toEqual(['q5', 'q6']);
    const wrong = await post(formBody(page, { q5: '999', q6: 'phone' }));
    expect(wrong.status).toBe(422);
    const again = await wrong.text();
    expect(again).toContain('value="999"');
    expect(again).toMatch(/<input type="radio" name="q6" id="q6-3" value="phone" checked>/);
    expect(again).toContain('class="err" id="q5-e"');

    // Back keeps what was answered.
    const back = await (await post(formBody(again, { q5: '3', q6: 'phone' }, 'back'))).text();
    expect(back).toMatch(/value="none" checked/);
  });

  it('refuses a form it did not sign, and one posted from another site', async () => {
    const first = await (await t.app.request('/s/social-services?basic=1&lang=en')).text();
    const forged = formBody(first, { q0: '5' }).replace(/token=[^&]+/, 'token=abc.def');
    const res = await post(forged);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Start again');
    const cross = await post(formBody(first, { q0: '5' }), { 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});

/** A questionnaire of the admin's, created and opened through the admin API. */
async function openSurvey(slug: string, json: unknown): Promise<void> {
  const cookie = await signIn(t.app);
  const created = await call(t.app, 'POST', '/api/admin/surveys', cookie, { slug, json });
  expect(created.status, await created.text()).toBe(201);
  const opened = await call(t.app, 'POST', `/api/admin/surveys/${slug}/open`, cookie);
  expect(opened.status, await opened.clone().text()).toBe(200);
}

describe('other questionnaires', () => {
  it('asks a question that depends on one of its page on a step of its own', async () => {
    await openSurvey('family', {
      title: { en: 'Family' },
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'boolean', name: 'has_kids', title: { en: 'Children?' }, isRequired: true },
            {
              type: 'text',
              name: 'kids',
              inputType: 'number',
              title: { en: 'How many?' },
              visibleIf: '{has_kids} = true',
            },
            {
              type: 'radiogroup',
              name: 'colour',
              title: { en: 'Colour' },
              choices: [
                { value: 'red', text: { en: 'Red' } },
                { value: 'blue', text: { en: 'Blue' } },
              ],
              showOtherItem: true,
            },
          ],
        },
      ],
    });
    const first = await (await t.app.request('/s/family?basic=1&lang=en')).text();
    expect(controlNames(first)).toEqual(['q0']);
    expect(first).toContain('<h1>Family</h1>');
    const yes = await (await post(formBody(first, { q0: 'true' }), {}, 'family')).text();
    // "How many?" and the colour follow, the colour with its box for another answer.
    expect(controlNames(yes)).toEqual(['q1', 'q2', 'q2.other']);
    const done = await post(
      formBody(yes, { q1: '2', q2: 'other', 'q2.other': 'teal' }),
      {},
      'family',
    );
    expect(done.status).toBe(201);
    const token = new URLSearchParams(formBody(yes, {})).get('token')!;
    const { id } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as {
      id: string;
    };
    const [row] = await stored(id);
    expect(JSON.parse(row!.answers)).toEqual({
      has_kids: true,
      kids: 2,
      colour: 'other',
      'colour-Comment': 'teal',
    });

    // "No": the question about how many is not asked, and its answer is not kept.
    const again = await (await t.app.request('/s/family?basic=1&lang=en')).text();
    const no = await (await post(formBody(again, { q0: 'false' }), {}, 'family')).text();
    expect(controlNames(no)).toEqual(['q2', 'q2.other']);
  });
});
