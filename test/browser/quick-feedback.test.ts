/**
 * A citizen answers the quick-feedback survey in the real server (Chromium, the built bundle, a
 * temp SQLite file) on a 360 px phone; the response is then read back from the database. The
 * page is sent with its Content-Security-Policy and works under it: no violation, no request
 * to any other origin.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  fitsWidth,
  launchBrowser,
  openPhone,
  screenshot,
  startCitizenServer,
  startSurvey,
  storedResponses,
} from '../helpers/browser.js';
import type { RunningServer } from '../helpers/server.js';

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

test('a citizen answers quick-feedback on a 360×740 phone and exactly one response is stored', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  const visit = await page.goto(`${server.url}/s/quick-feedback?lang=en`);
  const headers = visit!.headers();
  // Written out here, so a wrong policy in the code fails this test.
  expect(headers['content-security-policy']).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
      "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; " +
      "frame-ancestors 'none'; form-action 'self'",
  );

  await page.getByRole('button', { name: 'Start' }).click();
  const satisfaction = page.getByRole('radiogroup', { name: /how satisfied are you/i });
  await satisfaction.waitFor();
  // Smiley items are named for screen readers ("4", "5 – Very satisfied"); the radio is visually
  // hidden, so a person taps its label.
  await page.locator('label', { has: page.getByRole('radio', { name: /^4\b/ }) }).click();
  await expect(page.getByRole('radio', { name: /^4\b/ }).isChecked()).resolves.toBe(true);
  await expect(page.getByRole('radio', { name: '5 – Very satisfied' }).count()).resolves.toBe(1);
  const comment = 'The queue at the centre was too long.';
  await page.getByRole('textbox', { name: /what should be improved/i }).fill(comment);

  // Phone first: nothing wider than the screen.
  expect(await fitsWidth(page)).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'quick-feedback-360x740');

  const posted = page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' &&
      r.url().includes('/api/public/surveys/quick-feedback/responses'),
  );
  await page.getByRole('button', { name: 'Complete' }).click();
  const response = await posted;
  expect(response.status()).toBe(201);
  const sent = response.request().postDataJSON() as { id: string; lang: string; version: number };
  expect(response.request().headers()['content-type']).toBe('application/json');
  expect(sent.lang).toBe('en');
  await page.getByText('Your answers have been received').waitFor();
  await screenshot(page, 'quick-feedback-360x740-done');
  // Sent: nothing is left waiting on the phone.
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  // No CSP violation, no script error, no web fonts or anything else from the internet.
  expect(problems).toEqual([]);
  await context.close();

  const rows = await storedResponses(server.databaseUrl, 'quick-feedback');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.id).toBe(sent.id.toLowerCase());
  expect(rows[0]!.lang).toBe('en');
  expect(rows[0]!.answers).toEqual({ satisfaction: 4, comment });
});

test('the service worker is served with the scope it needs, and only it', async () => {
  const html = await (await fetch(`${server.url}/s/quick-feedback`)).text();
  const script = /src="(\/assets\/citizen-[^"]+\.js)"/.exec(html)![1]!;
  const bundle = await (await fetch(`${server.url}${script}`)).text();
  const worker = /\/assets\/sw-[\w-]+\.js/.exec(bundle)?.[0];
  expect(worker).toBeDefined();
  const res = await fetch(`${server.url}${worker}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('service-worker-allowed')).toBe('/s/');
  const other = await fetch(`${server.url}${script}`);
  expect(other.headers.get('service-worker-allowed')).toBeNull();
  // No admin code in the citizen bundle, neither in its first script nor in the survey's own.
  expect(bundle).not.toMatch(/\/api\/admin|\/api\/reports/);
  const lazy = /<meta name="ovoz:lazy-assets" content="([^"]+)"/.exec(html)![1]!.split(' ');
  expect(lazy.some((a) => /^\/assets\/survey-app-[\w-]+\.js$/.test(a))).toBe(true);
  for (const asset of lazy.filter((a) => a.endsWith('.js'))) {
    const code = await (await fetch(`${server.url}${asset}`)).text();
    expect(code).not.toMatch(/\/api\/admin|\/api\/reports/);
  }
});

test('a robot that fills the hidden honeypot field is refused and nothing is stored', async () => {
  const { context, page } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/quick-feedback?lang=en`);
  await startSurvey(page);
  const honeypot = page.locator('input[name="website"]');
  await honeypot.waitFor({ state: 'attached' });
  // Out of reach for people: not in the tab order, hidden from screen readers, off screen.
  expect(await honeypot.getAttribute('tabindex')).toBe('-1');
  expect(await honeypot.evaluate((el) => el.closest('[aria-hidden="true"]') !== null)).toBe(true);
  expect(await honeypot.evaluate((el) => el.getBoundingClientRect().right <= 0)).toBe(true);

  const before = (await storedResponses(server.databaseUrl, 'quick-feedback')).length;
  await honeypot.fill('https://spam.example', { force: true });
  await page.locator('label', { has: page.getByRole('radio', { name: /^2\b/ }) }).click();
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Complete' }).click();
  const response = await posted;
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('Rejected');
  expect(await storedResponses(server.databaseUrl, 'quick-feedback')).toHaveLength(before);
  await context.close();
});
