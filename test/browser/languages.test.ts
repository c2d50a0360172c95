/**
 * A citizen answers social-services in each of the four languages on a 360×740 phone: every page
 * passes axe (WCAG 2.1 A/AA) with no CSP violation and nothing wider than the screen, the
 * completion page is in the citizen's language, and the server stores the response once with
 * that language and those answers. The language chosen in the switcher and the large-text
 * switch are remembered on the phone.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import {
  axeFindings,
  fitsWidth,
  screenChecker,
  launchBrowser,
  openPhone,
  screenshot,
  startCitizenServer,
  startSurvey,
  storedResponses,
} from '../helpers/browser.js';
import type { RunningServer } from '../helpers/server.js';
import {
  answerSocialServices,
  EXPECTED_ANSWERS,
  FIRST_PLACE,
  PAGES,
  THANKS,
} from './social-services.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startCitizenServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test.each(LANGUAGES)(
  'social-services in %s: every page accessible, stored once with its language',
  async (lang: Lang) => {
    const { context, page, problems } = await openPhone(browser, server.url);
    const findings: string[] = [];
    const check = screenChecker(page, findings);

    await page.goto(`${server.url}/s/social-services?lang=${lang}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await check('welcome');
    await startSurvey(page);
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/social-services/responses'),
      { timeout: 50_000 },
    );
    await answerSocialServices(page, {
      onPage: async (i) => {
        await check(`page ${i + 1} (${PAGES[i]!.join(', ')})`);
        if (lang === 'uz' || i === 0) await screenshot(page, `social-services-${lang}-p${i + 1}`);
      },
    });
    const response = await posted;
    expect(response.status()).toBe(201);
    const sent = response.request().postDataJSON() as {
      id: string;
      lang: string;
      answers: Record<string, unknown>;
    };
    expect(sent.lang).toBe(lang);

    await page.getByText(THANKS[lang]).waitFor();
    await check('completion page');
    await screenshot(page, `social-services-${lang}-done`);
    expect(findings).toEqual([]);
    expect(problems).toEqual([]);
    // Acknowledged: nothing of this response is left on the phone.
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => !k.endsWith(':lang'))),
    ).toEqual([]);
    await context.close();

    const rows = (await storedResponses(server.databaseUrl, 'social-services')).filter(
      (r) => r.id === sent.id.toLowerCase(),
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.lang).toBe(lang);
    expect(row.answers).toEqual(sent.answers);
    expect(row.answers).toMatchObject(EXPECTED_ANSWERS);
    // The place was asked: the first offered region, district and provider are both the
    // citizen's answers and the response's dimensions.
    expect(row.answers).toMatchObject(FIRST_PLACE);
    expect({ region: row.region, district: row.district, provider: row.provider }).toEqual(
      FIRST_PLACE,
    );
    expect(row.channel).toBe('centre');
  },
  60_000,
);

test('the language switcher and large text are remembered on the phone', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/quick-feedback`);
  await startSurvey(page);
  await page.locator('[data-name="satisfaction"]').waitFor();
  // No ?lang= and nothing remembered: Uzbek (Latin).
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('uz');

  await page.getByRole('navigation').getByRole('link', { name: 'Русский' }).click();
  await page.getByRole('button', { name: 'Крупный текст' }).click();
  await expect(
    page.getByRole('button', { name: 'Крупный текст' }).getAttribute('aria-pressed'),
  ).resolves.toBe('true');
  const fontSize = () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const titleSize = () =>
    page
      .locator('[data-name="satisfaction"] .sd-question__title')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await fontSize()).toBeGreaterThan(20);

  // Opened again from a link with no language: Russian, large text, from the welcome screen on.
  await page.goto(`${server.url}/s/quick-feedback`);
  await page.getByRole('button', { name: 'Начать' }).waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
  await expect(
    page.getByRole('button', { name: 'Крупный текст' }).getAttribute('aria-pressed'),
  ).resolves.toBe('true');
  expect(await fontSize()).toBeGreaterThan(20);
  expect(await fitsWidth(page)).toBe(true);
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'welcome-quick-feedback-ru-large-text');
  await startSurvey(page);
  await page.locator('[data-name="satisfaction"]').waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
  await page.getByRole('radiogroup', { name: /насколько вы довольны/i }).waitFor();
  expect(await fontSize()).toBeGreaterThan(20);
  expect(await titleSize()).toBeGreaterThanOrEqual(22); // survey-core's text grows too (16 → 22)
  expect(await fitsWidth(page)).toBe(true);
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'quick-feedback-ru-large-text');

  // A link that names its language wins over the remembered one.
  await page.goto(`${server.url}/s/quick-feedback?lang=en`);
  await startSurvey(page);
  await page.getByRole('radiogroup', { name: /how satisfied are you/i }).waitFor();
  await page.getByRole('button', { name: 'Large text' }).click();
  expect(await fontSize()).toBe(16);
  await page.goto(`${server.url}/s/quick-feedback`);
  await startSurvey(page);
  await page.locator('[data-name="satisfaction"]').waitFor();
  expect(await fontSize()).toBe(16);
  expect(problems).toEqual([]);
  await context.close();
});
