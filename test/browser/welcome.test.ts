/**
 * The welcome screen a citizen sees first: it comes with the HTML (on screen with no script at
 * all, and its Start works even then), passes axe and fits a 360 px phone in every language,
 * switches language in place (remembered on the phone), and gives way to the survey with no
 * layout shift. A half-answered survey skips it (offline.test.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import { STRINGS } from '../../common/citizen/strings.js';
import {
  animationsDone,
  axeFindings,
  fitsWidth,
  launchBrowser,
  openPhone,
  PHONE,
  screenshot,
  startCitizenServer,
  startSurvey,
  waitUntilKeptForOffline,
} from '../helpers/browser.js';
import type { RunningServer } from '../helpers/server.js';

const TITLE: Record<Lang, string> = {
  uz: 'Ijtimoiy xizmatlar haqida fikringiz',
  'uz-Cyrl': 'Ижтимоий хизматлар ҳақида фикрингиз',
  ru: 'Ваше мнение о социальных услугах',
  en: 'Your opinion of social services',
};

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

test('the welcome screen is on screen with no script at all, and its Start still opens the survey', async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/s/social-services?lang=ru`);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
  await expect(page.title()).resolves.toBe(TITLE.ru);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE.ru);
  const facts = await page.locator('.welcome__fact').allTextContents();
  expect(facts).toEqual([STRINGS.ru.minutes(3), STRINGS.ru.anonymous, STRINGS.ru.keptOnPhone]);
  expect(await fitsWidth(page)).toBe(true);
  await screenshot(page, 'welcome-no-script-ru');
  // The language links are plain links: they work before the script too.
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: TITLE.en }).waitFor();
  // Start is a form: with no script it asks for the same page, marked as started.
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/[?&]start=1/);
  const started = page.url();
  expect(new URL(started).searchParams.get('lang')).toBe('en');
  await context.close();

  // Such a page, once the script runs, goes straight to the questions and drops the mark.
  const { context: withScript, page: phone, problems } = await openPhone(browser, server.url);
  await phone.goto(started);
  await phone.getByRole('radiogroup', { name: /how satisfied are you/i }).waitFor();
  expect(new URL(phone.url()).searchParams.has('start')).toBe(false);
  expect(problems).toEqual([]);
  await withScript.close();
});

test.each(LANGUAGES)(
  'the welcome screen in %s: accessible, fits the phone, and gives way to the survey without a shift',
  async (lang) => {
    const { context, page, problems } = await openPhone(browser, server.url);
    await context.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { __shifts: number[] }).__shifts = shifts;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) shifts.push((e as unknown as { value: number }).value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.url}/s/social-services?lang=${lang}`);
    const start = page.getByRole('button', { name: STRINGS[lang].start });
    await start.waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE[lang]);
    expect(await axeFindings(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, `welcome-${lang}`);
    // The survey's code arrives while the welcome screen is read, and the worker keeps it.
    await waitUntilKeptForOffline(page);
    await start.click();
    await page.locator('[data-name="satisfaction"]').waitFor();
    // Every transition of the swap has run and two frames were painted: any layout shift of it
    // has been recorded by then.
    await animationsDone(page);
    await expect(page.locator('.page--welcome').count()).resolves.toBe(0);
    await expect(page.locator('.bar').count()).resolves.toBe(1);
    expect(
      await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts),
    ).toEqual([]);
    if (lang === 'uz') await screenshot(page, `welcome-then-first-question-${lang}`);
    expect(problems).toEqual([]);
    await context.close();
  },
  30_000,
);

test('the language switcher redraws the welcome screen in place and is remembered', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/social-services`);
  await page.getByRole('heading', { name: TITLE.uz }).waitFor();
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
  await page.getByRole('navigation').getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: TITLE.en }).waitFor();
  // Not a new page: drawn in place, and the keyboard's place is kept.
  expect(
    await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage),
  ).toBe(true);
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('English');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await expect(page.title()).resolves.toBe(TITLE.en);
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  expect(await axeFindings(page)).toEqual([]);

  // Large text on the welcome screen, then the survey in English with large text.
  await page.getByRole('button', { name: 'Large text' }).click();
  expect(
    await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)),
  ).toBeGreaterThan(20);
  expect(await fitsWidth(page)).toBe(true);
  await screenshot(page, 'welcome-en-large-text');
  await startSurvey(page);
  await page.getByRole('radiogroup', { name: /how satisfied are you/i }).waitFor();
  await expect(
    page.getByRole('button', { name: 'Large text' }).getAttribute('aria-pressed'),
  ).resolves.toBe('true');

  // Opened again with no language in the link: English, remembered on the phone.
  await page.goto(`${server.url}/s/social-services`);
  await page.getByRole('heading', { name: TITLE.en }).waitFor();
  await page.getByRole('button', { name: 'Start' }).waitFor();
  expect(problems).toEqual([]);
  await context.close();
});
