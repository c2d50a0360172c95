/**
 * The whole survey with the keyboard alone (Tab, Shift+Tab, arrows, Space, Enter, typing): no
 * mouse, no taps. quick-feedback and every page of social-services, including the matrix, the
 * rating scales and the region/district/provider dropdowns. The page also moves focus to each
 * new page's title, every control a keyboard user lands on has an accessible name, and an open
 * dropdown list passes axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  animationsDone,
  axeFindings,
  launchBrowser,
  openPhone,
  screenshot,
  startCitizenServer,
  storedResponses,
} from '../helpers/browser.js';
import type { RunningServer } from '../helpers/server.js';
import { DRIVER_ROWS, EXPECTED_ANSWERS, THANKS } from './social-services.js';

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

/** What a screen reader would name the focused element (role and accessible name, roughly). */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { matches: '', name: '' };
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (el as HTMLInputElement).labels?.[0]?.textContent ??
      el.textContent ??
      '';
    return { matches: el.outerHTML.slice(0, 200), name: name.trim() };
  });
}

/** Presses Tab (or Shift+Tab) until the focus is on an element matching `selector`. */
async function tabTo(page: Page, selector: string, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      const { name, matches } = await focused(page);
      expect(name, `no accessible name: ${matches}`).not.toBe('');
      return;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}; focus is on ${(await focused(page)).matches}`);
}

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** The welcome screen's Start, with the keyboard: the focus then is on the first page's title. */
async function startWithKeyboard(page: Page, firstPage: RegExp): Promise<void> {
  await tabTo(page, '.welcome__start');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.activeElement?.matches('.sd-page__title'));
  expect((await focused(page)).name).toMatch(firstPage);
}

/** Tab to "Next", press Enter, and check the focus moved to the new page's title. */
async function nextPage(page: Page, title: string | RegExp): Promise<void> {
  await tabTo(page, '.sd-navigation__next-btn');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.activeElement?.matches('.sd-page__title'));
  expect((await focused(page)).name).toMatch(title);
}

/**
 * One answer per screen (a phone): Tab to "Next", press Enter, and check the focus moved to the
 * next question's (or statement's) title, on the same page.
 */
async function nextScreen(page: Page, question: string): Promise<void> {
  await tabTo(page, '.sd-navigation__next-btn');
  await press(page, 'Enter');
  await page.waitForFunction(
    (q) => document.activeElement?.closest(`[data-name="${q}"]`)?.matches('.sd-question') ?? false,
    question,
  );
  expect(
    await page.evaluate(() => document.activeElement?.classList.contains('sd-question__title')),
  ).toBe(true);
}

/** A radio group: Tab lands on its first radio (or the checked one); arrows choose. */
async function chooseRadio(page: Page, question: string, arrowsRight: number): Promise<void> {
  await tabTo(page, `[data-name="${question}"] input[type="radio"]`);
  if (arrowsRight === 0) await press(page, 'Space');
  else await press(page, 'ArrowRight', arrowsRight);
}

/**
 * A survey-core dropdown: Tab to it, ArrowDown opens it and moves, Enter chooses. `axe`: check
 * the open list too.
 */
async function chooseInDropdown(
  page: Page,
  question: string,
  downs: number,
  axe = false,
): Promise<void> {
  await tabTo(page, `[data-name="${question}"] [role="combobox"]`);
  await press(page, 'ArrowDown', downs);
  if (axe) expect(await axeFindings(page)).toEqual([]);
  await press(page, 'Enter');
  await expect(
    page.locator(`[data-name="${question}"] [role="combobox"]`).getAttribute('aria-expanded'),
  ).resolves.toBe('false');
}

test('quick-feedback with the keyboard alone', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/quick-feedback?lang=en`);
  await startWithKeyboard(page, /your opinion/i);
  await page.locator('[data-name="satisfaction"]').waitFor();
  await chooseRadio(page, 'satisfaction', 3); // 1 → 2 → 3 → 4
  expect((await focused(page)).name).toBe('4');
  await animationsDone(page); // survey-core animates the choice
  await screenshot(page, 'keyboard-rating-focus');
  await tabTo(page, '[data-name="comment"] textarea');
  await page.keyboard.type('Kutish zali sovuq edi.');
  // Shift+Tab goes back to the rating, where the choice is kept.
  await tabTo(page, '[data-name="satisfaction"] input[type="radio"]', true);
  expect((await focused(page)).name).toBe('4');
  await tabTo(page, '.sd-navigation__complete-btn');
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  await press(page, 'Enter');
  const sent = (await posted).request().postDataJSON() as { id: string };
  await page.getByText(THANKS.en).waitFor();
  const [row] = (await storedResponses(server.databaseUrl, 'quick-feedback')).filter(
    (r) => r.id === sent.id.toLowerCase(),
  );
  expect(row?.answers).toEqual({ satisfaction: 4, comment: 'Kutish zali sovuq edi.' });
  expect(problems).toEqual([]);
  await context.close();
});

test('social-services, every page, with the keyboard alone', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/social-services?lang=en`);
  await startWithKeyboard(page, /overall/i);
  await page.locator('[data-name="satisfaction"]').waitFor();

  await chooseRadio(page, 'satisfaction', 3);
  await nextPage(page, /about the service/i);

  // The matrix, one statement per screen on a phone: each is a radio group (one Tab stop),
  // arrows choose within it, Next goes on to the next statement with the focus on its text.
  for (const [i, row] of DRIVER_ROWS.entries()) {
    await tabTo(page, `[data-name="drivers"] [data-name="${row}"] input[type="radio"]`);
    expect((await focused(page)).name).toBe('Strongly disagree');
    await press(page, 'ArrowRight', i < 6 ? 3 : 5); // "Agree" (4), or "Don't know" for the last
    if (i === 0) {
      await animationsDone(page);
      await screenshot(page, 'keyboard-matrix-focus');
    }
    const nextRow = DRIVER_ROWS[i + 1];
    if (nextRow) await nextScreen(page, nextRow);
  }
  await nextPage(page, /trust/i);

  await tabTo(page, '[data-name="trust"] input[type="radio"]');
  // A number scale: the ends also carry the scale's end labels.
  expect((await focused(page)).name).toBe('1 – Strongly disagree');
  await press(page, 'ArrowRight', 2);
  expect((await focused(page)).name).toBe('3');
  await nextPage(page, /payment/i);

  await tabTo(page, '[data-name="paid"] input[type="radio"]');
  await press(page, 'ArrowDown'); // "Yes, an official fee"
  await nextScreen(page, 'afford'); // asked now, on its own screen
  await chooseRadio(page, 'afford', 0); // Space takes "Yes"
  await nextPage(page, /application/i);

  await tabTo(page, '[data-name="delivery_days"] input');
  await page.keyboard.type('12');
  await nextScreen(page, 'channel');
  await chooseRadio(page, 'channel', 0);
  await nextPage(page, /where did you receive/i);

  await chooseInDropdown(page, 'region', 1, true);
  await nextScreen(page, 'district');
  await chooseInDropdown(page, 'district', 1);
  await nextScreen(page, 'provider');
  await chooseInDropdown(page, 'provider', 1);
  await screenshot(page, 'keyboard-dropdowns');
  await nextPage(page, /about you/i);

  await tabTo(page, '[data-name="segment"] input[value="elderly"]');
  await press(page, 'Space');
  await nextPage(page, /your comment/i);

  await tabTo(page, '[data-name="comment"] textarea');
  await page.keyboard.type(EXPECTED_ANSWERS.comment);
  await tabTo(page, '.sd-navigation__complete-btn');
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  await press(page, 'Enter');
  const response = await posted;
  expect(response.status()).toBe(201);
  const sent = response.request().postDataJSON() as { id: string };
  await page.getByText(THANKS.en).waitFor();
  // The completion message has the focus, so a screen reader reads it out.
  await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('status');

  const [row] = (await storedResponses(server.databaseUrl, 'social-services')).filter(
    (r) => r.id === sent.id.toLowerCase(),
  );
  expect(row?.answers).toMatchObject(EXPECTED_ANSWERS);
  expect(row?.region).toBe('UZ-AN'); // the first region in the list
  expect(row?.district).toMatch(/^UZ-AN-/);
  expect(problems).toEqual([]);
  await context.close();
}, 60_000);
