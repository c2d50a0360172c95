/**
 * Links: a signed context link (`c`) and a one-time service-event link (`t`) fix the place, so
 * the survey does not ask it and the stored response carries it; a one-time link works once (a
 * used link opens like an unused one; sending is told); an expired or forged link, or an unknown
 * survey, gets a plain page in the citizen's language with the API code underneath, which passes
 * axe.
 */
import { withDb } from '../helpers/database.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signContext } from '../../server/links/context.js';
import { hashToken } from '../../server/links/tokens.js';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import { errorText, STRINGS } from '../../common/citizen/strings.js';
import {
  axeFindings,
  launchBrowser,
  openPhone,
  screenshot,
  startCitizenServer,
  startSurvey,
  storedResponses,
} from '../helpers/browser.js';
import { signInOver, type RunningServer } from '../helpers/server.js';
import { answerSocialServices, EXPECTED_ANSWERS, THANKS } from './social-services.js';

const SECRET = 'browser-test-secret-0123456789-abcdefghij';
let server: RunningServer;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  server = await startCitizenServer({ env: { OVOZ_SECRET: SECRET } });
  browser = await launchBrowser();
  admin = await signInOver(server.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A one-time link from a service event, as a provider's system would get it. */
async function oneTimeToken(provider: string): Promise<string> {
  const res = await fetch(`${server.url}/api/admin/service-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ survey: 'social-services', provider, deliveredAt: '2026-11-20' }),
  });
  expect(res.status).toBe(201);
  const { links } = (await res.json()) as { links: Array<{ url: string; token: string }> };
  expect(links[0]!.url).toMatch(/\/s\/social-services\?t=/);
  return links[0]!.token;
}

/** Loads a link in a fresh phone and checks the error page: text, code, axe, CSP. */
async function expectErrorPage(path: string, lang: Lang, code: string, shot?: string) {
  const { context, page, problems } = await openPhone(browser, server.url);
  const sep = path.includes('?') ? '&' : '?';
  await page.goto(`${server.url}${path}${sep}lang=${lang}`);
  const alert = page.getByRole('alert');
  await alert.getByText(errorText(STRINGS[lang], code), { exact: true }).waitFor();
  await expect(alert.textContent()).resolves.toContain(`${STRINGS[lang].code}: ${code}`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
    STRINGS[lang].survey,
  );
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
  expect(await axeFindings(page)).toEqual([]);
  if (shot) await screenshot(page, shot);
  expect(problems).toEqual([]);
  await context.close();
}

test('a one-time link works once; a second visit opens alike and only sending is told it was used', async () => {
  const token = await oneTimeToken('P-TO-01-1');
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/social-services?t=${token}&lang=ru`);
  // The welcome screen's language links keep the link's token.
  await expect(page.locator('a.lang[hreflang="en"]').getAttribute('href')).resolves.toBe(
    `/s/social-services?t=${token}&lang=en`,
  );
  await startSurvey(page);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', {
    timeout: 30_000,
  });
  // The link names the provider: the place is not asked (the channel still is).
  await answerSocialServices(page, { fixed: { place: true } });
  const response = await posted;
  expect(response.status()).toBe(201);
  await page.getByText(THANKS.ru).waitFor();
  expect(problems).toEqual([]);
  await context.close();

  const sent = response.request().postDataJSON() as { id: string; t: string };
  expect(sent.t).toBe(token);
  const [row] = (await storedResponses(server.databaseUrl, 'social-services')).filter(
    (r) => r.id === sent.id.toLowerCase(),
  );
  expect(row).toMatchObject({
    region: 'UZ-TO',
    district: 'UZ-TO-01',
    provider: 'P-TO-01-1',
    channel: 'centre',
    answers: EXPECTED_ANSWERS,
  });
  expect(row!.answers).not.toHaveProperty('region');

  // A second visit opens exactly like the first: opening a link never tells whether it was
  // used. Only sending the answers is told, in the citizen's language.
  const again = await openPhone(browser, server.url);
  await again.page.goto(`${server.url}/s/social-services?t=${token}&lang=uz`);
  await startSurvey(again.page);
  const refused = again.page.waitForResponse((r) => r.request().method() === 'POST', {
    timeout: 30_000,
  });
  await answerSocialServices(again.page, { fixed: { place: true } });
  expect((await refused).status()).toBe(409);
  const alert = again.page.getByRole('alert');
  await alert.getByText(errorText(STRINGS.uz, 'TokenUsed'), { exact: true }).waitFor();
  await expect(alert.textContent()).resolves.toContain(`${STRINGS.uz.code}: TokenUsed`);
  expect(await axeFindings(again.page)).toEqual([]);
  await screenshot(again.page, 'link-used-uz');
  expect(again.problems).toEqual([]);
  await again.context.close();
}, 60_000);

test('a signed context link skips the place and channel questions; the response carries them', async () => {
  const c = signContext(SECRET, 'social-services', { provider: 'P-SA-01-1', channel: 'mahalla' });
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/social-services?c=${encodeURIComponent(c)}&lang=uz-Cyrl`);
  await expect(page.locator('a.lang[hreflang="ru"]').getAttribute('href')).resolves.toBe(
    `/s/social-services?c=${encodeURIComponent(c)}&lang=ru`,
  );
  await startSurvey(page);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', {
    timeout: 30_000,
  });
  const asked: string[] = [];
  await answerSocialServices(page, {
    fixed: { place: true, channel: true },
    onPage: async () => {
      asked.push(
        ...(await page
          .locator('.sd-question[data-name]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!))),
      );
    },
  });
  expect(asked).not.toContain('channel');
  expect(asked).not.toContain('region');
  expect(asked).not.toContain('provider');
  const response = await posted;
  expect(response.status()).toBe(201);
  await page.getByText(THANKS['uz-Cyrl']).waitFor();
  expect(problems).toEqual([]);
  await context.close();

  const sent = response.request().postDataJSON() as { id: string; c: string };
  expect(sent.c).toBe(c);
  const [row] = (await storedResponses(server.databaseUrl, 'social-services')).filter(
    (r) => r.id === sent.id.toLowerCase(),
  );
  expect(row).toMatchObject({
    lang: 'uz-Cyrl',
    region: 'UZ-SA',
    district: 'UZ-SA-01',
    provider: 'P-SA-01-1',
    channel: 'mahalla',
  });
  for (const key of ['region', 'district', 'provider', 'channel']) {
    expect(row!.answers).not.toHaveProperty(key);
  }
}, 60_000);

test('an expired or forged link, or an unknown survey: a plain page in each language', async () => {
  const expired = await oneTimeToken('P-TO-01-1');
  await withDb(server.databaseUrl, (db) =>
    db
      .updateTable('service_token')
      .set({ expires_at: '2020-01-01T00:00:00.000Z' })
      .where('token_hash', '=', hashToken(expired))
      .execute(),
  );
  const forged = signContext('not-the-servers-secret-0123456789abcdef', 'social-services', {
    provider: 'P-TO-01-1',
  });
  for (const lang of LANGUAGES) {
    const shot = (name: string) => (lang === 'uz' || lang === 'ru' ? `${name}-${lang}` : undefined);
    await expectErrorPage(
      `/s/social-services?t=${expired}`,
      lang,
      'TokenExpired',
      shot('link-expired'),
    );
    await expectErrorPage(
      `/s/social-services?c=${encodeURIComponent(forged)}`,
      lang,
      'InvalidContext',
      shot('link-forged'),
    );
    await expectErrorPage('/s/no-such-survey', lang, 'SurveyNotFound');
  }
}, 60_000);
