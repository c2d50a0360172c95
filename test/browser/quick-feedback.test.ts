/**
 * A citizen on a 360 px phone answers the quick-feedback survey in the real server (Chromium,
 * the built bundle, a temp SQLite file); the response is then read back from the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureWebBuilt } from '../helpers/build.js';
import { ROOT, startServer, type RunningServer } from '../helpers/server.js';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

test('a citizen answers quick-feedback on a 360×740 phone and exactly one response is stored', async () => {
  const srv = server!;
  const context = await browser!.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(srv.url) && !r.url().startsWith('data:')) foreign.push(r.url());
  });

  await page.goto(`${srv.url}/s/quick-feedback?lang=en`);
  const satisfaction = page.getByRole('radiogroup', { name: /how satisfied are you/i });
  await satisfaction.waitFor();
  // Smiley items are named for screen readers ("4", "5 – Very satisfied"); the radio is visually
  // hidden, so a person taps its label.
  await page.locator('label', { has: page.getByRole('radio', { name: /^4\b/ }) }).click();
  await expect(page.getByRole('radio', { name: /^4\b/ }).isChecked()).resolves.toBe(true);
  const comment = 'The queue at the centre was too long.';
  await page.getByRole('textbox', { name: /what should be improved/i }).fill(comment);

  // Phone first: nothing wider than the screen.
  const widths = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, 'quick-feedback-360x740.png') });

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
  await page.screenshot({ path: path.join(ARTIFACTS, 'quick-feedback-360x740-done.png') });
  // Sent: nothing is left waiting on the phone.
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

  expect(problems).toEqual([]);
  expect(foreign).toEqual([]); // no web fonts or anything else from the internet
  await context.close();

  const db = new Database(srv.dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `select r.id, r.lang, r.answers from response r join survey s on s.id = r.survey_id
         where s.slug = 'quick-feedback'`,
      )
      .all() as Array<{ id: string; lang: string; answers: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sent.id.toLowerCase());
    expect(rows[0]!.lang).toBe('en');
    expect(JSON.parse(rows[0]!.answers)).toEqual({ satisfaction: 4, comment });
  } finally {
    db.close();
  }
}, 120_000);
