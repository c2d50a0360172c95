/**
 * An administrator registers a webhook endpoint in the admin app (its secret shown once) and reads
 * the delivery log: one endpoint a real receiver on loopback that answers 200, one a closed port
 * whose deliveries wait for their next try with the error shown. Screenshot at 1366×900 under
 * test-artifacts/.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureWebBuilt } from '../helpers/build.js';
import { launchBrowser, painted, screenshot } from '../helpers/browser.js';
import { newLog, submitOne } from '../helpers/durability.js';
import { ADMIN_PASSWORD, signInOver, startServer, type RunningServer } from '../helpers/server.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const DESKTOP = { width: 1366, height: 900 } as const;
const SECRET = 'whsec_browser-test-secret-0123456789abcdef';

let server: RunningServer | undefined;
let receiver: Receiver | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startServer({
    env: {
      OVOZ_WEBHOOK_ALLOW_PRIVATE: '1',
      OVOZ_WEBHOOK_POLL_MS: '100',
      OVOZ_WEBHOOK_RETRY_BASE_MS: '600000',
    },
  });
  receiver = await startReceiver(SECRET);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

test('an administrator adds an endpoint and reads the delivery log', async () => {
  const srv = server!;
  const cookie = await signInOver(srv.url);
  // A port nothing listens on: its deliveries fail and wait.
  const closed = await startReceiver(SECRET);
  const closedUrl = closed.url;
  await closed.close();
  for (const url of [receiver!.url, closedUrl]) {
    const res = await fetch(`${srv.url}/api/admin/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: srv.url },
      body: JSON.stringify({ url, events: ['response.created', 'quota.reached'], secret: SECRET }),
    });
    expect(res.status).toBe(201);
  }
  const log = newLog();
  for (let i = 0; i < 3; i++) await submitOne(srv.url, log);
  await receiver!.until((r) => r.length >= 3);

  const context = await browser!.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${srv.url}/admin/webhooks`);
  await page.waitForURL(/\/admin\/login/);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/webhooks$/);

  await page.locator('tr[data-endpoint]').nth(1).waitFor();
  await expect.poll(() => page.locator('.webhook-log tr[data-status="delivered"]').count()).toBe(3);
  await expect.poll(() => page.locator('.webhook-log tr[data-status="pending"]').count()).toBe(3);
  await expect(
    page.locator('.webhook-log tr[data-status="pending"]').first().textContent(),
  ).resolves.toMatch(/ECONNREFUSED/);

  // A new endpoint through the form: its secret is shown once.
  await page.getByLabel('URL').fill('https://hooks.example.org/ovoz');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.locator('.notice-ok code').textContent()).resolves.toMatch(/^whsec_/);
  await page.locator('tr[data-endpoint]').nth(2).waitFor();
  await painted(page);
  await screenshot(page, 'admin-webhooks-1366', true);
  expect(problems).toEqual([]);
}, 120_000);
