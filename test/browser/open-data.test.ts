/**
 * The public /open page on a phone (360×740) in Chromium, on the real server with four months of demo data:
 * no session, no script, no CSP violation, in each of the four languages, the hidden rows without
 * numbers; screenshots under test-artifacts/.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadDemo } from '../../server/demo/generate.js';
import { withStorage } from '../helpers/database.js';
import { launchBrowser, openPhone, painted, screenshot } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  server = await startServer();
  // Four months of demo responses, all closed months (so frozen and published).
  const lastMonthEnd = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0));
  await withStorage(server.databaseUrl, (storage) =>
    loadDemo(
      { storage, utcOffsetMinutes: 300 },
      { responses: 4000, end: lastMonthEnd.toISOString().slice(0, 10), days: 120, validate: 50 },
    ),
  );
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

test.each([
  ['uz', 'Ochiq maʼlumotlar'],
  ['uz-Cyrl', 'Очиқ маълумотлар'],
  ['ru', 'Открытые данные'],
  ['en', 'Open data'],
])(
  'the open data page in %s',
  async (lang, title) => {
    const srv = server!;
    const phone = await openPhone(browser!, srv.url);
    const res = await phone.page.goto(`${srv.url}/open?lang=${encodeURIComponent(lang)}`);
    expect(res?.status()).toBe(200);
    await expect(phone.page.locator('h1').textContent()).resolves.toContain(title);
    const rows = await phone.page.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(10);
    // A hidden row shows the word, never a number.
    const hidden = await phone.page
      .locator('td.hidden')
      .evaluateAll((cells) => cells.filter((c) => /\d/.test(c.textContent ?? '')).length);
    expect(hidden).toBe(0);
    // Only the table scrolls sideways, not the page.
    const overflow = await phone.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await painted(phone.page);
    await screenshot(phone.page, `open-data-${lang}-360`);
    await screenshot(phone.page, `open-data-${lang}-360-full`, true);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  },
  60_000,
);
