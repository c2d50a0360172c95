/**
 * The no-JavaScript form in Chromium: with scripts off, the welcome screen links to it and a
 * citizen taps through social-services to the thank-you page; every step (an error state too)
 * passes axe, fits a 360 px phone and breaks no rule of its Content-Security-Policy.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { STRINGS } from '../../common/citizen/strings.js';
import {
  axeFindings,
  fitsWidth,
  openPhone,
  PHONE,
  screenshot,
  storedResponses,
} from '../helpers/browser.js';
import { citizenSuite } from '../helpers/citizen-suite.js';
import { EXPECTED_ANSWERS, THANKS } from './social-services.js';

const suite = citizenSuite();

/** What the citizen answers, by form field (the steps ask them in this order). */
const ANSWERS: [string, string][] = [
  ['q0', '4'],
  ...[0, 1, 2, 3, 4, 5, 6].map((r): [string, string] => [`q1.${r}`, r === 6 ? 'na' : '4']),
  ['q2', '3'],
  ['q3', 'formal'],
  ['q4', 'yes'],
  ['q5', '12'],
  ['q6', 'online'],
  ['q10', 'elderly'],
  ['q11', EXPECTED_ANSWERS.comment],
];

/** Fills in whatever of ANSWERS the step shows, then presses its main button. */
async function answerStep(page: Page): Promise<void> {
  for (const [name, value] of ANSWERS) {
    const field = page.locator(`[name="${name}"]`).first();
    if (!(await field.count())) continue;
    const tag = await field.evaluate((e) => e.tagName.toLowerCase()).catch(() => 'input');
    const type = await field.getAttribute('type');
    if (type === 'radio' || type === 'checkbox') {
      await page.locator(`input[name="${name}"][value="${value}"]`).check();
    } else if (tag === 'select') {
      await field.selectOption(value);
    } else {
      await field.fill(value);
    }
  }
  await page.locator('button[value="next"]').click();
}

test('with scripts off, the welcome links to the plain form, which stores the answers', async () => {
  const server = suite.server();
  const context = await suite.browser().newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/s/social-services?lang=ru`);
  await page.getByRole('link', { name: STRINGS.ru.basicForm }).click();
  await page.waitForURL(/[?&]basic=1/);
  await page.locator('form[method="post"]').waitFor();
  await screenshot(page, 'basic-first-ru');
  for (let i = 0; i < 15 && (await page.locator('form[method="post"]').count()); i++) {
    await answerStep(page);
  }
  await page.getByText(THANKS.ru).waitFor();
  await screenshot(page, 'basic-thanks-ru');
  const stored = await storedResponses(server.databaseUrl, 'social-services');
  expect(stored).toHaveLength(1);
  expect(stored[0]!.lang).toBe('ru');
  expect(stored[0]!.answers).toEqual({
    satisfaction: 4,
    drivers: EXPECTED_ANSWERS.drivers,
    trust: 3,
    paid: 'formal',
    afford: 'yes',
    delivery_days: 12,
    channel: 'online',
    segment: ['elderly'],
    comment: EXPECTED_ANSWERS.comment,
  });
  await context.close();
});

test('every step is accessible and fits the phone, an error state too', async () => {
  const server = suite.server();
  const { context, page, problems } = await openPhone(suite.browser(), server.url);
  await page.goto(`${server.url}/s/social-services?basic=1&lang=en`);
  // Next with nothing chosen: the required question says so.
  await page.locator('button[value="next"]').click();
  await page.locator('.err').first().waitFor();
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'basic-error-en', true);
  for (let i = 0; i < 15 && (await page.locator('form[method="post"]').count()); i++) {
    expect(await axeFindings(page), `step ${i}`).toEqual([]);
    expect(await fitsWidth(page), `step ${i}`).toBe(true);
    if (i === 1) await screenshot(page, 'basic-matrix-en');
    await answerStep(page);
  }
  await page.getByText(THANKS.en).waitFor();
  expect(await axeFindings(page)).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
