/**
 * The dashboard as an administrator opens it on the demo data (OVOZ_DEMO=1), in Chromium on the
 * real server: "Act on this first" names the planted worst region and its driver first, each
 * finding links to its evidence, every tile shows its change against the previous comparable
 * period, and on a 360 px wide screen the dashboard fits without sideways scrolling. The Trend
 * page follows any indicator picked there, split by region, and its address keeps the choice.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TIMELINESS_REGION } from '../../server/demo/planted.js';
import { bundled } from '../helpers/bundle.js';
import { ensureWebBuilt } from '../helpers/build.js';
import { ARTIFACTS, launchBrowser, screenshot } from '../helpers/browser.js';
import { databaseUrlFor } from '../helpers/database.js';
import {
  ADMIN_PASSWORD,
  ROOT,
  startServer,
  TEST_CHECK_BUDGET,
  tempDir,
  type RunningServer,
} from '../helpers/server.js';

const DESKTOP = { width: 1366, height: 900 } as const;
const NARROW = { width: 360, height: 740 } as const;
const WIDE = { width: 1440, height: 900 } as const;

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureWebBuilt();
  // The demo data (server/demo), added by `ovoz demo` before the server starts, so the server only
  // opens it.
  const env = TEST_CHECK_BUDGET;
  const dir = tempDir();
  const databaseUrl = await databaseUrlFor(dir);
  await promisify(execFile)(process.execPath, [await bundled('server/cli.ts'), 'demo'], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, OVOZ_LOG: 'silent' },
  });
  server = await startServer({ dir, databaseUrl, env });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

async function openDashboard(viewport: { width: number; height: number }, query = '') {
  const context = await browser!.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(
    `${server!.url}/admin/login?next=${encodeURIComponent(`/admin/dashboard${query}`)}`,
  );
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/dashboard/);
  await page.locator('.findings li, .findings-none').first().waitFor({ timeout: 60_000 });
  return { page, problems };
}

/**
 * The page's width against the screen's, and what sticks out of it (an element inside a scrolling
 * box, such as a wide table, scrolls there and does not count).
 */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e: Element) => {
      for (let p = e.parentElement; p; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !scrolls(e))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });

test('the dashboard opens with the planted worst region and its driver, and every tile its change', async () => {
  for (const exact of ['&exact=1', '']) {
    const { page, problems } = await openDashboard(DESKTOP, `?survey=social-services${exact}`);
    const first = page.locator('.findings li').first();
    const text = (await first.locator('.finding-text').textContent()) ?? '';
    expect(text).toMatch(
      /^Kashkadarya Region: \d+\.\d% satisfied, about \d+ points below the other regions/,
    );
    if (exact) expect(text).toContain('the biggest driver there is timeliness');
    // Each finding links to its evidence; the first to the region's bottlenecks.
    const href = await first.getByRole('link', { name: 'See the evidence' }).getAttribute('href');
    expect(href).toContain('/admin/bottlenecks?');
    expect(href).toContain(`group=${TIMELINESS_REGION.region}`);
    // Every tile: its change against the previous period, with an interval or the reason for none.
    await page.locator('[data-kpi="satisfaction"] .kpi-change').waitFor();
    const changes = await page
      .locator('.kpi-card')
      .evaluateAll((cards) =>
        cards.map((c) => [
          c.getAttribute('data-kpi'),
          c.querySelector('.kpi-change')?.textContent ?? null,
        ]),
      );
    expect(changes).toHaveLength(7);
    for (const [kpi, change] of changes) expect(change, kpi!).toMatch(/against|No earlier period/);
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, `admin-findings-dashboard${exact ? '-exact' : ''}-1366x900`);
    if (exact) {
      await first.getByRole('link', { name: 'See the evidence' }).click();
      await page.waitForURL(/\/admin\/bottlenecks/);
      // The region is chosen once the report has loaded its groups.
      await expect
        .poll(() => page.getByLabel('Group').inputValue(), { timeout: 60_000 })
        .toBe(TIMELINESS_REGION.region);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  }
}, 240_000);

test('at 360 px wide the dashboard fits the screen', async () => {
  const { page, problems } = await openDashboard(NARROW);
  await page.locator('[data-kpi="satisfaction"] .kpi-change').waitFor();
  await page.locator('.heatmap tbody tr').first().waitFor();
  await screenshot(page, 'admin-findings-dashboard-360', true);
  const o = await overflow(page);
  expect(o.wide, JSON.stringify(o)).toEqual([]);
  expect(o.scroll).toBeLessThanOrEqual(NARROW.width);
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);

test('the Trend page follows the indicator picked, in its unit, and keeps the choice', async () => {
  const { page, problems } = await openDashboard(WIDE, '?survey=social-services');
  await page.getByRole('link', { name: 'Trend' }).first().click();
  await page.waitForURL(/\/admin\/trend/);
  const picker = page.getByLabel('Indicator');
  // Once the trend has loaded, every indicator of the survey is offered by its name.
  await expect
    .poll(() => picker.locator('option').count(), { timeout: 60_000 })
    .toBeGreaterThan(10);
  const names = await picker
    .locator('option')
    .evaluateAll((o) => o.map((x) => [(x as HTMLOptionElement).value, x.textContent ?? '']));
  expect(names.map(([v]) => v)).toEqual(
    expect.arrayContaining(['satisfaction', 'kpi', 'trust', 'deliveryTime', 'driver:timeliness']),
  );
  for (const [value, label] of names) expect(label, value).not.toMatch(/^driver:|^[a-z]+[A-Z]/);
  expect(names).toContainEqual(['driver:timeliness', 'Timeliness: share agreeing']);

  const asked = page.waitForResponse(
    (r) => r.url().includes('indicator=deliveryTime') && r.url().includes('groupBy=region'),
  );
  await picker.selectOption({ label: 'Delivery time: median days' });
  await page.getByLabel('Split by').selectOption('region');
  const trend = await (await asked).json();
  expect(trend).toMatchObject({ indicator: 'deliveryTime', unit: 'days' });
  expect(page.url()).toContain('indicator=deliveryTime');
  expect(page.url()).toContain('split=region');
  // Every region its own small chart (more regions than colours), each titled by its region.
  await expect
    .poll(() => page.locator('.small-multiples figure canvas').count(), { timeout: 60_000 })
    .toBe(trend.series.length);
  expect(await page.locator('.page-trend .panel h2').first().textContent()).toBe(
    'Delivery time: median days',
  );
  await page.evaluate(() => document.fonts.ready);
  await screenshot(page, 'admin-trend-delivery-by-region-1440x900');

  // The address keeps the choice.
  await page.reload();
  await expect
    .poll(() => page.getByLabel('Indicator').inputValue(), { timeout: 60_000 })
    .toBe('deliveryTime');
  expect(await page.getByLabel('Split by').inputValue()).toBe('region');
  // Back to satisfaction: the address drops the parameter.
  await page.getByLabel('Indicator').selectOption('satisfaction');
  expect(page.url()).not.toContain('indicator=');
  expect(problems).toEqual([]);
  await page.context().close();
}, 180_000);

/** `pdfinfo`'s page count and `pdftotext`'s text of the given pages (poppler-utils). */
async function pdfFacts(file: string, first: number, last: number) {
  const run = promisify(execFile);
  const info = await run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
  const text = await run('pdftotext', [
    '-layout',
    '-f',
    String(first),
    '-l',
    String(last),
    file,
    '-',
  ]);
  return { pages, text: text.stdout.replace(/\s+/g, ' ') };
}

test('the printed report: a one-page summary first, then the whole selection and a page per region', async () => {
  const { page, problems } = await openDashboard(DESKTOP, '?survey=social-services&exact=1');
  await page.goto(`${server!.url}/admin/report/print?survey=social-services&exact=1`);
  await page.locator('.report-summary').waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('.report-voices')].every(
        (e) => e.getAttribute('data-loaded') === 'true',
      ),
    null,
    { timeout: 120_000 },
  );
  const regions = await page.locator('.report-page').count();
  expect(regions).toBe(15);
  // Three comments on each page that has any, never more.
  const quoted = await page
    .locator('.report-voices')
    .evaluateAll((lists) => lists.map((l) => l.querySelectorAll('li').length));
  expect(quoted.every((n) => n <= 3)).toBe(true);
  expect(quoted.filter((n) => n === 3).length).toBeGreaterThan(10);
  await screenshot(page, 'admin-print-report-1366x900');
  const file = path.join(ARTIFACTS, 'admin-print-report.pdf');
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  const { pages, text } = await pdfFacts(file, 1, 1);
  // The summary is page 1, alone; then the selection and each region, one or two pages each.
  expect(text).toContain('Summary');
  expect(text).toContain('Act on this first');
  expect(text).toMatch(/1\. Kashkadarya Region: \d+\.\d% satisfied, about \d+ points below/);
  expect(text).toContain('Lowest-rated providers');
  expect(text).toContain('Highest-rated providers');
  expect(text).not.toContain('All selected regions');
  expect(pages).toBeGreaterThanOrEqual(1 + regions);
  expect(pages).toBeLessThanOrEqual(1 + 2 * regions);
  const second = await pdfFacts(file, 2, 2);
  expect(second.text).toContain('All selected regions');
  expect(problems).toEqual([]);
  await page.context().close();
}, 300_000);
