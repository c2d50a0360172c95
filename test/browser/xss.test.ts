/**
 * Script in free text never runs, in Chromium on the real server. A citizen's comment, a provider's
 * name and a wave's name carrying `<img src=x onerror=alert(1)>` and friends are stored verbatim and
 * shown by the admin app as text: no dialog, no element made from them, no script error. And should
 * some future view ever insert HTML, the Content-Security-Policy is the second wall: an inline
 * script and an inline event handler injected into the admin app and the citizen page do not run.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureWebBuilt } from '../helpers/build.js';
import { launchBrowser } from '../helpers/browser.js';
import { startBundledServer } from '../helpers/bundled-server.js';
import { ADMIN_PASSWORD, signInOver, type RunningServer } from '../helpers/server.js';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(2)><circle r=1></svg>',
  '<script>alert(3)</script>',
  '"><img src=x onerror="window.__xss=4">',
];

let server: RunningServer | undefined;
let browser: Browser | undefined;
let cookie = '';

async function api(method: string, path: string, body?: unknown) {
  return fetch(server!.url + path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

beforeAll(async () => {
  const webDir = await ensureWebBuilt();
  server = await startBundledServer({ env: { OVOZ_WEB_DIR: webDir } });
  cookie = await signInOver(server.url);
  // Comments (more than k of them, so none is suppressed), a provider's name, a wave's name.
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`${server.url}/api/public/surveys/quick-feedback/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: randomUUID(),
        answers: { satisfaction: 1 + (i % 5), comment: PAYLOADS[i % PAYLOADS.length] },
      }),
    });
    expect(res.status).toBe(201);
  }
  const name = PAYLOADS[0]!;
  const renamed = await api('PUT', '/api/admin/registry/providers/P-SA-01-1', {
    region: 'UZ-SA',
    district: 'UZ-SA-01',
    sector: 'state',
    names: { uz: name, 'uz-Cyrl': name, ru: name, en: name },
  });
  expect(renamed.status, await renamed.clone().text()).toBe(200);
  const wave = await api('POST', '/api/admin/surveys/quick-feedback/waves', {
    name: PAYLOADS[1],
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
  });
  expect(wave.status).toBe(201);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  /** Dialogs opened, script errors and CSP reports. */
  events: string[];
}

async function openAdmin(): Promise<Watched> {
  const context = await browser!.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
  });
  const events: string[] = [];
  await context.exposeBinding('__ovozCsp', (_s, text: string) => events.push(`csp: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __ovozCsp(t: string): void }).__ovozCsp(e.violatedDirective);
    });
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    events.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => events.push(`error: ${e.message}`));
  await page.goto(`${server!.url}/admin/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/(?!login)/);
  return { page, events };
}

/** Nothing from the payloads became an element or ran. */
async function expectInert(w: Watched): Promise<void> {
  // The payloads' images point at `x`: a control image with the same source, made by the test,
  // fires its error event once that source has failed, by when any payload's handler would have
  // fired too; then two frames for anything scheduled in between.
  await w.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const control = new Image();
        control.addEventListener('error', () => resolve());
        control.addEventListener('load', () => resolve());
        control.src = 'x';
      }),
  );
  await w.page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const made = await w.page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: [...document.querySelectorAll('svg')].filter((s) => s.getAttribute('onload')).length,
    scripts: [...document.querySelectorAll('script')].filter((s) =>
      s.textContent?.includes('alert'),
    ).length,
    flag: (window as unknown as { __xss?: number }).__xss ?? null,
  }));
  expect(made).toEqual({ images: 0, svgs: 0, scripts: 0, flag: null });
  expect(w.events.filter((e) => e.startsWith('dialog') || e.startsWith('error'))).toEqual([]);
}

test('comments with HTML and script are shown as text in the admin comments view', async () => {
  const w = await openAdmin();
  // The comments as the server serves them to the view: verbatim.
  // The running month's comments: exact figures (an admin's choice), as protected ones show
  // closed months only.
  const served = await api('GET', '/api/reports/comments?survey=quick-feedback&exact=1');
  expect(served.status).toBe(200);
  const texts = ((await served.json()) as { comments: { text: string }[] }).comments.map(
    (c) => c.text,
  );
  expect(new Set(texts)).toEqual(new Set(PAYLOADS));
  await w.page.goto(`${server!.url}/admin/comments?survey=quick-feedback&exact=1`);
  const shown = w.page.locator('.comment-list blockquote');
  await expect
    .poll(async () => new Set(await shown.allTextContents()).size, { timeout: 15_000 })
    .toBe(PAYLOADS.length);
  expect(new Set(await shown.allTextContents())).toEqual(new Set(PAYLOADS));
  await expectInert(w);
  await w.page.context().close();
});

test('a provider’s name and a wave’s name with HTML are shown as text', async () => {
  const w = await openAdmin();
  await w.page.goto(`${server!.url}/admin/registry?tab=providers`);
  await w.page.getByText(PAYLOADS[0]!, { exact: true }).first().waitFor();
  await w.page.goto(`${server!.url}/admin/surveys/quick-feedback?tab=waves`);
  await w.page.getByText(PAYLOADS[1]!, { exact: true }).first().waitFor();
  await expectInert(w);
  await w.page.context().close();
});

test('the CSP blocks inline script and inline handlers in the admin app and on the citizen page', async () => {
  for (const url of ['/admin/dashboard', '/s/quick-feedback']) {
    const w = await openAdmin();
    await w.page.goto(server!.url + url);
    await w.page.waitForLoadState('load');
    await w.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      const div = document.createElement('div');
      div.innerHTML =
        '<img src="data:," onerror="window.__handler = 1" onload="window.__handler = 2">';
      document.body.append(div);
    });
    // Both were blocked once the browser reports two violations: each had its chance to run.
    await expect
      .poll(() => w.events.filter((e) => e.startsWith('csp:')).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    const ran = await w.page.evaluate(() => {
      const g = window as unknown as { __inline?: number; __handler?: number };
      return { inline: g.__inline ?? null, handler: g.__handler ?? null };
    });
    expect(ran, url).toEqual({ inline: null, handler: null });
    expect(w.events.filter((e) => e.startsWith('csp:')).length, url).toBeGreaterThanOrEqual(2);
    await w.page.context().close();
  }
});
