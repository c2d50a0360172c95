/**
 * A manager limited to one region (Samarkand) uses the admin app in Chromium on the real server:
 * the dashboard, the bottleneck view and the trend show only that region, and so does the reports
 * API when called from the page; exports and the designer are refused (hidden in the UI, 403 from
 * the API); when the session ends the app goes back to sign-in and says so. The data: the demo
 * dataset (OVOZ_DEMO=1), a year of social-services responses from every region.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureWebBuilt } from '../helpers/build.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { signInOver, startServer, type RunningServer } from '../helpers/server.js';

const DESKTOP = { width: 1366, height: 900 } as const;
const MANAGER = { username: 'samarkand-manager', password: 'manager-password-1234' };
const REGION = 'UZ-SA';

let server: RunningServer | undefined;
let browser: Browser | undefined;

/** The manager, made by the first admin through the API. */
async function addManager(url: string): Promise<void> {
  const cookie = await signInOver(url);
  const created = await fetch(`${url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ ...MANAGER, role: 'manager', regions: [REGION] }),
  });
  expect(created.status).toBe(201);
}

beforeAll(async () => {
  await ensureWebBuilt();
  // The colleague's demo data (server/demo): a year of responses from every region.
  server = await startServer({ env: { OVOZ_DEMO: '1' } });
  await addManager(server.url);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

/** A 1366×900 tab that records script errors and CSP violations. */
async function desktop(b: Browser): Promise<{ page: Page; problems: string[] }> {
  const context = await b.newContext({ viewport: DESKTOP, locale: 'en-GB' });
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

async function signIn(page: Page, url: string, who: { username: string; password: string }) {
  await page.goto(`${url}/admin`);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** GET from the page, with its session cookie: [status, body]. */
const fetchFromPage = (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const r = await fetch(p);
    return [r.status, await r.text()] as const;
  }, path);

test('a manager of one region sees only that region, cannot export, never reaches the designer', async () => {
  const srv = server!;
  const { page, problems } = await desktop(browser!);
  await signIn(page, srv.url, MANAGER);

  // Lands on the dashboard; the navigation offers the reports only.
  await page.waitForURL(/\/admin\/dashboard/);
  const nav = page.getByRole('navigation', { name: 'Menu' });
  await nav.getByRole('link', { name: 'Comments' }).waitFor();
  await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
    'Dashboard',
    'Bottlenecks',
    'Trend',
    'Comments',
  ]);
  await page.getByText('Signed in as samarkand-manager · Manager').waitFor();

  // KPI cards with numbers, the tile map and the heatmap: Samarkand only.
  const satisfaction = page.locator('[data-kpi="satisfaction"] .kpi-value');
  await expect.poll(() => satisfaction.textContent(), { timeout: 15_000 }).toMatch(/%$/);
  await page.locator('.heatmap tbody tr').first().waitFor();
  await expect(page.locator('.heatmap tbody th').allTextContents()).resolves.toEqual([
    'Samarkand Region',
  ]);
  const rated = await page
    .locator('.tile-svg g[data-region]')
    .evaluateAll((tiles) =>
      tiles.filter((t) => /%/.test(t.textContent ?? '')).map((t) => t.getAttribute('data-region')),
    );
  expect(rated).toEqual([REGION]);
  await page.locator('.svn-row').first().waitFor();
  await screenshot(page, 'admin-manager-dashboard-1366x900');

  // The region filter offers only Samarkand.
  const regionOptions = await page
    .getByLabel('Region')
    .locator('option')
    .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  expect(regionOptions).toEqual(['', REGION]);

  // The reports API, from the page: only Samarkand, and another region's filter is refused.
  const [status, body] = await fetchFromPage(
    page,
    '/api/reports/satisfaction?survey=social-services&groupBy=region',
  );
  expect(status).toBe(200);
  const report = JSON.parse(body) as { groups: Array<{ group: { region: string } }> };
  expect(report.groups.map((g) => g.group.region)).toEqual([REGION]);
  expect(
    (await fetchFromPage(page, '/api/reports/indicators?survey=social-services&region=UZ-TK'))[0],
  ).toBe(403);

  // Exports are refused.
  expect((await fetchFromPage(page, '/api/exports/social-services/responses.csv'))[0]).toBe(403);
  expect((await fetchFromPage(page, '/api/exports/social-services/codebook.csv'))[0]).toBe(403);

  // The designer: not offered, refused in the app, refused by the API.
  await page.goto(`${srv.url}/admin/surveys/new`);
  await page.getByText('Your role does not give access to this page.').waitFor();
  await expect(page.locator('.designer').count()).resolves.toBe(0);
  expect((await fetchFromPage(page, '/api/admin/surveys'))[0]).toBe(403);
  const check = await page.evaluate(async () => {
    const r = await fetch('/api/admin/surveys/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ json: { pages: [] } }),
    });
    return r.status;
  });
  expect(check).toBe(403);

  // The bottleneck view: Samarkand's drivers on the importance–performance chart.
  await nav.getByRole('link', { name: 'Bottlenecks' }).click();
  await page.waitForURL(/\/admin\/bottlenecks/);
  await page.locator('.driver-analysis canvas').waitFor();
  const groups = await page
    .getByLabel('Group')
    .locator('option')
    .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  expect(groups).toEqual(['', REGION]);
  await page.locator('.forest, .systemic p').first().waitFor();
  await screenshot(page, 'admin-manager-bottlenecks-1366x900');

  // The trend, by month.
  await nav.getByRole('link', { name: 'Trend' }).click();
  await page.locator('.page-trend canvas').waitFor();
  await page.locator('.change-list, .page-trend .panel p').first().waitFor();

  // The comments browser: the comments, or a plain word that the server has none to give yet.
  await nav.getByRole('link', { name: 'Comments' }).click();
  await page.locator('.comment-list, .page-comments .notice-warn').first().waitFor();

  // The session ends (signed out elsewhere): the next request goes back to sign-in with a message.
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await page.waitForURL(/\/admin\/login\?next=/);
  await page.getByText('Your session has ended. Please sign in again.').waitFor();

  expect(problems).toEqual([]);
  await page.context().close();
}, 180_000);
