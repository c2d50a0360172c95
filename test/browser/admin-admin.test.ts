/**
 * The administrator's journey in Chromium on the real server started with the demo data
 * (OVOZ_DEMO=1: a year of responses from every region, with planted bottlenecks such as slow
 * service in Kashkadarya): the dashboard in three languages, the bottleneck view and the trend for
 * the whole country (screenshots under test-artifacts/), the printable report (one A4 page per
 * region, printed to PDF), the registry, one-time links as CSV and as receipt slips, a new user,
 * and the audit log that recorded it all.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureWebBuilt } from '../helpers/build.js';
import { ARTIFACTS, launchBrowser, painted, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../helpers/server.js';

const DESKTOP = { width: 1366, height: 900 } as const;

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureWebBuilt();
  // The colleague's demo data (server/demo): a year of responses with planted bottlenecks.
  server = await startServer({ env: { OVOZ_DEMO: '1' } });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

async function desktop(b: Browser): Promise<{ page: Page; problems: string[] }> {
  const context = await b.newContext({ viewport: DESKTOP, locale: 'en-GB', acceptDownloads: true });
  const problems: string[] = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  return { page, problems };
}

test('an administrator reads the country, prints the report, issues links, adds a user and reads the audit log', async () => {
  const srv = server!;
  const { page, problems } = await desktop(browser!);
  await page.goto(`${srv.url}/admin/dashboard`);
  // Not signed in: the sign-in page, then back where the admin was going.
  await page.waitForURL(/\/admin\/login\?next=%2Fadmin%2Fdashboard/);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/dashboard$/);
  const nav = page.getByRole('navigation', { name: 'Menu' });
  await nav.getByRole('link', { name: 'Audit log' }).waitFor();
  await expect(nav.getByRole('link').count()).resolves.toBe(11);

  // The dashboard: every region on the map, the heatmap, state vs non-state.
  await expect
    .poll(() => page.locator('[data-kpi="satisfaction"] .kpi-value').textContent())
    .toMatch(/%$/);
  await page.locator('.heatmap tbody tr').nth(10).waitFor();
  const rated = await page
    .locator('.tile-svg g[data-region]')
    .evaluateAll((tiles) => tiles.filter((t) => /%/.test(t.textContent ?? '')).length);
  expect(rated).toBe(14);
  // State vs non-state: the crude difference, then the one adjusted for region.
  await page.locator('.svn-diff').nth(1).waitFor();
  await expect(page.locator('.svn-diff').count()).resolves.toBe(2);
  await screenshot(page, 'admin-dashboard-1366x900');
  await screenshot(page, 'admin-dashboard-full', true);

  // Every language: Russian, then Uzbek in Cyrillic (derived from the Latin texts), then back.
  await page.getByLabel('Language').selectOption('ru');
  await page.getByRole('heading', { name: 'Сводка', level: 1 }).waitFor();
  await page.locator('[data-kpi="satisfaction"]').getByText('Доля довольных').waitFor();
  await screenshot(page, 'admin-dashboard-ru-1366x900');
  await page.getByLabel('Язык').selectOption('uz-Cyrl');
  await page.getByRole('heading', { name: 'Умумий кўриниш', level: 1 }).waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('uz-Cyrl');
  await screenshot(page, 'admin-dashboard-uz-Cyrl-1366x900');
  await page.getByLabel('Тил').selectOption('en');
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

  // Filters live in the address: a sector filter survives a reload.
  await page.getByLabel('Sector').selectOption('state');
  await page.waitForURL(/sector=state/);
  await page.reload();
  await expect(page.getByLabel('Sector').inputValue()).resolves.toBe('state');
  await page.getByRole('button', { name: 'Reset filters' }).click();
  await page.waitForURL((u) => !u.search.includes('sector'));
  // A channel filter: the reports are recomputed for that channel only.
  const national = await page.locator('[data-kpi="satisfaction"] .kpi-n').textContent();
  await page.getByLabel('Channel').selectOption('online');
  await page.waitForURL(/channel=online/);
  await expect
    .poll(() => page.locator('[data-kpi="satisfaction"] .kpi-n').textContent())
    .not.toBe(national);
  await expect
    .poll(() => page.locator('[data-kpi="satisfaction"] .kpi-value').textContent())
    .toMatch(/%$/);
  await page.getByRole('button', { name: 'Reset filters' }).click();

  // The bottleneck view: the chart, systemic bottlenecks (the demo's slow Kashkadarya among them).
  await nav.getByRole('link', { name: 'Bottlenecks' }).click();
  await page.locator('.driver-analysis canvas').waitFor();
  await page.locator('.forest-row').first().waitFor();
  await expect(page.locator('.forest-name').allTextContents()).resolves.toContain(
    'Kashkadarya Region',
  );
  await screenshot(page, 'admin-bottlenecks-1366x900');
  await screenshot(page, 'admin-bottlenecks-full', true);
  await page.getByLabel('Group').selectOption('UZ-QA');
  await page.waitForURL(/group=UZ-QA/);
  await page.locator('.driver-analysis canvas').waitFor();

  // The trend: twelve months, significant changes listed (or "none").
  await nav.getByRole('link', { name: 'Trend' }).click();
  await page.locator('.page-trend canvas').waitFor();
  await page.locator('.change-list, .page-trend .panel p').first().waitFor();
  await screenshot(page, 'admin-trend-1366x900');

  // The printable report: a cover page and one A4 page per region; as a PDF too.
  await page.goto(`${srv.url}/admin/report/print?survey=social-services`);
  await page.locator('.report-page').nth(14).waitFor();
  await expect(page.locator('.report-page').count()).resolves.toBe(15);
  await painted(page);
  await screenshot(page, 'admin-report-1366x900');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  fs.writeFileSync(`${ARTIFACTS}/admin-report.pdf`, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(15);
  expect(pages).toBeLessThanOrEqual(17);
  await page.emulateMedia({ media: 'screen' });

  // The registry: providers with their sectors.
  await page.goto(`${srv.url}/admin/registry?tab=providers`);
  await page.locator('.data-table tbody tr').nth(20).waitFor();

  // One-time links for a provider: a CSV, and receipt slips to print.
  await nav.getByRole('link', { name: 'Distribution' }).click();
  await page.locator('img.qr-img').waitFor();
  await page.locator('select[name="batch-provider"]').selectOption('P-SA-01-1');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('url,token,expiresAt');
  expect(csv.trim().split(/\r?\n/)).toHaveLength(9);
  await page.getByRole('button', { name: 'Print receipt slips' }).click();
  await page.locator('.slip img').nth(7).waitFor();
  await expect(page.locator('.slip').count()).resolves.toBe(8);
  await screenshot(page, 'admin-slips-1366x900');
  await page.getByRole('button', { name: 'Close' }).click();

  // A new user, a manager of two regions.
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Username', { exact: true }).waitFor();
  const form = page.locator('.user-form');
  await form.getByLabel('Username').fill('aziz');
  await form.getByLabel('Password').fill('a-long-enough-password');
  await form.getByLabel('Role').selectOption('manager');
  await form.getByLabel('Tashkent City').check();
  await form.getByLabel('Fergana Region').check();
  await form.getByRole('button', { name: 'Add user' }).click();
  await page.getByText('User aziz created.').waitFor();
  await expect(page.locator('tr[data-username="aziz"] td').allTextContents()).resolves.toEqual([
    'Manager',
    'Fergana Region, Tashkent City',
    expect.any(String),
  ]);

  // The audit log: the new user, the links, the sign-in — newest first.
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.locator('tr[data-action="user.create"]').waitFor();
  const actions = await page
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  expect(actions[0]).toBe('user.create');
  expect(actions).toContain('links.issue');
  expect(actions).toContain('auth.login');
  await expect(page.locator('tr[data-action="user.create"] td').nth(3).textContent()).resolves.toBe(
    'aziz',
  );
  await screenshot(page, 'admin-audit-1366x900');

  expect(problems).toEqual([]);
  await page.context().close();
}, 240_000);

test('the dashboard says how each figure is computed, in plain words, in Uzbek without English terms', async () => {
  const { page, problems } = await desktop(browser!);
  await page.goto(`${server!.url}/admin/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/dashboard/);
  // Folded under the headline figures; protected figures say the noise is allowed for.
  const panel = page.locator('details.how-computed');
  await panel.locator('summary').click();
  await panel.getByText('Every range and every test below allows for that noise').waitFor();
  await expect(panel.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(8);
  await expect
    .poll(() => panel.locator('tbody tr').first().locator('td').nth(1).textContent(), {
      timeout: 20_000,
    })
    .toMatch(/^[\d\s,.\u00a0]+ answers$/);
  await page.getByLabel('Language').selectOption('uz');
  await panel.locator('summary').getByText('Bu qanday hisoblangan').waitFor();
  const text = (await panel.textContent()) ?? '';
  for (const english of ['answers', 'interval', 'Wilson', 'significant', 'benjamini', 'Based on']) {
    expect(text, english).not.toContain(english);
  }
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'admin-how-computed-uz-desktop');
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);
