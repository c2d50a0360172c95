/**
 * The designer says in the admin app's own language what is wrong with an answer format that
 * could backtrack catastrophically, by question name, in each of the four languages (Chromium,
 * the real server): the underlined pattern's message is the translated text, not the server's
 * English.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LANGUAGES } from '../../common/survey/types.js';
import { problemText, STRINGS } from '../../web/src/admin/i18n/strings.js';
import { ensureWebBuilt } from '../helpers/build.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { signInOver, startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startServer();
  cookie = await signInOver(server.url);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const QUESTIONNAIRE = {
  title: { uz: 'Sinov', ru: 'Тест', en: 'Test' },
  elements: [
    { type: 'rating', name: 'satisfaction', role: 'satisfaction' },
    {
      type: 'text',
      name: 'passport',
      validators: [{ type: 'regex', regex: '^([A-Z]+)+[0-9]{7}$' }],
    },
  ],
};

test.each(LANGUAGES)(
  'in %s',
  async (lang) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    await context.addInitScript((l) => localStorage.setItem('ovoz.admin.lang', l), lang);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/surveys/quick-feedback`);
    // The designer's Advanced (JSON) view, named in the page's language.
    await page.getByRole('tab', { name: STRINGS[lang].designer.tabs.json }).click();
    const editor = page.locator('.cm-content').first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify(QUESTIONNAIRE, null, 2));
    await page.locator('[data-lint="1"]').waitFor();
    await page.locator('.cm-lintRange-error').first().hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    const expected = problemText(STRINGS[lang], {
      message: '',
      code: 'PatternUnsafe',
      params: { name: 'passport' },
    });
    expect(expected).toContain('passport');
    await expect(tooltip.textContent()).resolves.toContain(
      `elements[1].validators[0].regex: ${expected}`,
    );
    if (lang === 'ru') await screenshot(page, 'designer-unsafe-pattern-ru-1440x900');
    await context.close();
  },
  60_000,
);
