/**
 * A sociologist designs a survey in the admin app (Chromium, the real server): writes its JSON in
 * the designer's Advanced view (a syntax error is underlined inline), adds a standard block from the palette,
 * previews it in Russian and English, creates it, opens it, saves a second version and compares
 * the two, and makes its QR code (the image loads). Then a citizen answers the new survey at
 * /s/<slug> and exactly that response is stored.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureWebBuilt } from '../helpers/build.js';
import {
  launchBrowser,
  openPhone,
  screenshot,
  startSurvey,
  storedResponses,
} from '../helpers/browser.js';
import { signInOver, startServer, type RunningServer } from '../helpers/server.js';

const DESKTOP = { width: 1366, height: 900 } as const;
const SOCIOLOGIST = { username: 'dilnoza', password: 'sociologist-password-1' };
const SLUG = 'tez-fikr';

/** A small survey written by hand: satisfaction (1–5 smileys) and a comment, in four languages. */
const SURVEY = {
  title: {
    uz: 'Tezkor fikr',
    'uz-Cyrl': 'Тезкор фикр',
    ru: 'Быстрый отзыв',
    en: 'Quick opinion',
  },
  pages: [
    {
      name: 'main',
      elements: [
        {
          type: 'rating',
          name: 'satisfaction',
          role: 'satisfaction',
          isRequired: true,
          rateType: 'smileys',
          rateCount: 5,
          rateMin: 1,
          rateMax: 5,
          displayMode: 'buttons',
          title: {
            uz: 'Xizmatdan qanchalik mamnunsiz?',
            'uz-Cyrl': 'Хизматдан қанчалик мамнунсиз?',
            ru: 'Насколько вы довольны услугой?',
            en: 'How satisfied are you with the service?',
          },
        },
        {
          type: 'comment',
          name: 'comment',
          role: 'comment',
          title: {
            uz: 'Nimani yaxshilash kerak?',
            'uz-Cyrl': 'Нимани яхшилаш керак?',
            ru: 'Что нужно улучшить?',
            en: 'What should be improved?',
          },
        },
      ],
    },
  ],
};

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startServer();
  const cookie = await signInOver(server.url);
  const created = await fetch(`${server.url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ ...SOCIOLOGIST, role: 'sociologist' }),
  });
  expect(created.status).toBe(201);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

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
  page.on('dialog', (d) => void d.accept());
  return { page, problems };
}

test('a sociologist creates, previews, opens and distributes a survey; a citizen answers it', async () => {
  const srv = server!;
  const { page, problems } = await desktop(browser!);
  await page.goto(`${srv.url}/admin`);
  await page.getByLabel('Username').fill(SOCIOLOGIST.username);
  await page.getByLabel('Password').fill(SOCIOLOGIST.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/surveys$/);
  const nav = page.getByRole('navigation', { name: 'Menu' });
  await nav.getByRole('link', { name: 'Comments' }).waitFor();
  await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
    'Surveys',
    'Distribution',
    'Registry',
    'Exports',
    'Dashboard',
    'Bottlenecks',
    'Trend',
    'Comments',
  ]);
  await page.locator('tr[data-slug="social-services"]').waitFor();

  // A new survey, written as JSON. First with a syntax error: it is underlined where it is.
  await page.getByRole('link', { name: 'New survey' }).click();
  await page.getByLabel('Address (slug)').fill(SLUG);
  await page.getByRole('tab', { name: 'Advanced (JSON)' }).click();
  const editor = page.locator('.json-editor .cm-content');
  await editor.fill('{ "title": "x", }');
  await page.locator('.json-editor .cm-lint-marker-error').first().waitFor();
  await expect(page.locator('[data-lint]').getAttribute('data-lint')).resolves.toBe('1');

  // The real JSON: no error, the server's check agrees.
  await editor.fill(JSON.stringify(SURVEY, null, 2));
  await expect.poll(() => page.locator('[data-lint]').getAttribute('data-lint')).toBe('0');

  // A standard block from the palette: trust, with its role and four languages.
  await page.getByRole('tab', { name: 'Questionnaire' }).click();
  await page.locator('[data-block="trust"]').click();
  await page.getByText('Added “trust”.').waitFor();
  await page.locator('[data-block="trust"]').click();
  await page.getByText('The survey already has “trust”.').waitFor();

  // The preview, in Russian and in English.
  const preview = page.locator('.preview-frame');
  await page.locator('[data-lang="ru"]').click();
  await preview.getByText('Быстрый отзыв').first().waitFor();
  await preview.getByText('Насколько вы довольны услугой?').waitFor();
  await page.locator('[data-lang="en"]').click();
  await preview.getByText('Quick opinion').first().waitFor();
  await preview.getByText('How satisfied are you with the service?').waitFor();

  // Create the draft, then open it.
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.waitForURL(new RegExp(`/admin/surveys/${SLUG}\\?created=1`));
  await page.getByText('Draft created.').waitFor();
  await expect(page.locator('.page-head [data-status]').getAttribute('data-status')).resolves.toBe(
    'draft',
  );
  await page.locator('[data-lang="uz"]').click();
  await preview.getByText('Tezkor fikr').first().waitFor();
  await page.getByRole('tab', { name: 'Advanced (JSON)' }).click();
  await page.locator('.json-editor .cm-content').waitFor();
  await expect.poll(() => page.locator('[data-lint]').getAttribute('data-lint')).toBe('0');
  await page.getByRole('tab', { name: 'Questionnaire' }).click();
  await screenshot(page, 'admin-sociologist-designer-1366x900');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect
    .poll(() => page.locator('.page-head [data-status]').getAttribute('data-status'))
    .toBe('open');

  // A second version (with the delivery days), and its diff with the first.
  await page.locator('[data-block="delivery"]').click();
  await page.getByText('Added “delivery_days”.').waitFor();
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await page.getByText('Saved as version 2.').waitFor();
  await page.getByRole('tab', { name: 'History' }).click();
  await page.locator('[data-change="added"]').first().waitFor();
  await expect(page.locator('[data-changes]').textContent()).resolves.toMatch(
    /question “.*” added on page \d/,
  );
  await page.getByText('Show the JSON lines').click();
  await page.locator('.diff-add').first().waitFor();
  await expect(page.locator('.diff-summary').textContent()).resolves.toMatch(/lines added/);
  await screenshot(page, 'admin-sociologist-history-1366x900');

  // A wave with a quota for Samarkand.
  await page.getByRole('tab', { name: 'Waves' }).click();
  const wave = page.locator('.wave-form');
  await wave.getByLabel('Name').fill('Autumn 2026');
  await wave.getByLabel('Start').fill('2026-09-01');
  await wave.getByLabel('End').fill('2026-11-30');
  await wave.getByLabel('Samarkand Region').fill('250');
  await wave.getByRole('button', { name: 'Add wave' }).click();
  await page.getByText('Wave saved.').waitFor();
  await page.locator('.wave-list').getByText('Autumn 2026').waitFor();
  await page.locator('.quota-list').getByText('Samarkand Region: 0 / 250').waitFor();

  // The translation view: Cyrillic derived where missing, nothing missing in ru and en.
  await page.getByRole('tab', { name: 'Design', exact: true }).click();
  await page.getByRole('tab', { name: 'Translations' }).click();
  await page.locator('.dz-grid').waitFor();
  await screenshot(page, 'admin-sociologist-translations-1366x900');

  // Its QR code: the image loads, and the link is the survey's.
  await page.locator('.page-head').getByRole('link', { name: 'Distribution' }).click();
  await page.waitForURL(/\/admin\/distribution\?survey=tez-fikr/);
  const qr = page.locator('img.qr-img');
  await qr.waitFor();
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  await expect.poll(() => page.locator('.qr-link').textContent()).toMatch(/\/s\/tez-fikr$/);
  // Fixing the channel signs it into the link.
  await page.locator('select[name="channel"]').selectOption('centre');
  await expect.poll(() => page.locator('.qr-link').textContent()).toContain(`/s/${SLUG}?c=`);
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  await screenshot(page, 'admin-sociologist-distribution-1366x900');
  expect(problems).toEqual([]);
  await page.context().close();

  // A citizen answers the new survey.
  const phone = await openPhone(browser!, srv.url);
  await phone.page.goto(`${srv.url}/s/${SLUG}?lang=en`);
  await startSurvey(phone.page);
  await phone.page.getByRole('radiogroup', { name: /how satisfied are you/i }).waitFor();
  await phone.page
    .locator('label', { has: phone.page.getByRole('radio', { name: /^5\b/ }) })
    .click();
  await phone.page.getByRole('textbox', { name: /what should be improved/i }).fill('Faster please');
  const posted = phone.page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes(`/api/public/surveys/${SLUG}/`),
  );
  for (let i = 0; i < 4; i++) {
    const complete = phone.page.getByRole('button', { name: 'Complete' });
    if (await complete.isVisible()) {
      await complete.click();
      break;
    }
    await phone.page.getByRole('button', { name: 'Next' }).click();
  }
  expect((await posted).status()).toBe(201);
  expect(phone.problems).toEqual([]);
  await phone.context.close();

  const rows = await storedResponses(srv.databaseUrl, SLUG);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.answers).toMatchObject({ satisfaction: 5, comment: 'Faster please' });
}, 240_000);
